// `npm run bench [-- name ...]`: runs the benchmarks (all by default), printing each result as
// a Markdown table for BENCHMARKS.md. Each benchmark starts its own servers in their own
// processes on free ports with temporary data directories, and removes them afterwards.
import { cpus, loadavg, totalmem } from 'node:os';
import { inbox } from './browser/inbox';
import { durableWrite } from './durable-write';
import { firstSync } from './first-sync';
import { inbound } from './inbound';
import { propagation } from './propagation';
import { renderTable, type Table } from './lib/table';

type Benchmark = (log: (line: string) => void) => Promise<Table[]>;

const BENCHMARKS: Record<string, Benchmark> = {
	propagation,
	'first-sync': firstSync,
	'durable-write': durableWrite,
	inbound,
	// Real Chromium on the built app (`npm run build` first).
	inbox
};

function machine(): string {
	const model = cpus()[0]?.model ?? 'unknown CPU';
	return `${cpus().length} cores (${model}), ${(totalmem() / 1024 ** 3).toFixed(1)} GiB, Node ${process.version}`;
}

async function main(): Promise<void> {
	const names = process.argv.slice(2);
	const unknown = names.filter((name) => !(name in BENCHMARKS));
	if (unknown.length > 0) {
		console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHMARKS).join(', ')}`);
		process.exit(2);
	}
	const selected = names.length > 0 ? names : Object.keys(BENCHMARKS);
	console.log(`# Switchboard benchmarks — ${new Date().toISOString().slice(0, 10)} — ${machine()}\n`);
	// Every number here is wall-clock time on a shared machine: say how busy it was.
	const [load = 0] = loadavg();
	console.log(`Load average at start: ${load.toFixed(2)}${load > cpus().length / 2 ? ' (busy machine: expect noisy numbers)' : ''}\n`);
	const started = performance.now();
	const failed: string[] = [];
	for (const name of selected) {
		const benchmark = BENCHMARKS[name] as Benchmark;
		const t0 = performance.now();
		const log = (line: string) => console.error(`[${name} ${((performance.now() - t0) / 1000).toFixed(0)}s] ${line}`);
		// One failing benchmark must not hide the others' results: report it and go on.
		try {
			const tables = await benchmark(log);
			for (const table of tables) console.log(`${renderTable(table)}\n`);
			log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
		} catch (error) {
			failed.push(name);
			log(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
			console.log(`### ${name}\n\nFailed: ${error instanceof Error ? error.message : String(error)}\n`);
		}
	}
	console.error(`all benchmarks done in ${((performance.now() - started) / 1000).toFixed(0)} s${failed.length ? `; failed: ${failed.join(', ')}` : ''}`);
	// Providers and sockets of finished benchmarks may leave timers behind; they are done.
	process.exit(failed.length > 0 ? 1 : 0);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
