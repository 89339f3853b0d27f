// (c) What the synchronous update log costs. The same server twice: as shipped (every update
// appended to SQLite before its acknowledgement) and with SWITCHBOARD_UNSAFE_NO_UPDATE_LOG=1
// (no append; the debounced store writes the whole state, as stock Hocuspocus persistence
// does). Two workloads: many writers pipelining updates (throughput), and one writer waiting
// for each acknowledgement (latency). Modes alternate so neither always runs second.
import { cp, rm } from 'node:fs/promises';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { addComment } from '../shared/actions/index';
import { contactDocName } from '../shared/doc/names';
import { userActor } from '../shared/schemas/index';
import { connectSocket } from './lib/agents';
import { startOurServer, type RunningServer } from './lib/servers';
import { mean, nowMs, percentile } from './lib/stats';
import type { Table } from './lib/table';
import { prepareWorkspace, type BenchAgent, type BenchWorkspace } from './lib/workspace';

const WRITERS = 20;
const UPDATES_PER_WRITER = 2500;
const WINDOW = 100;
const LATENCY_SAMPLES = 500;
const ROUNDS = 3;
/** Untimed updates per writer first, so JIT and connection warm-up don't count. */
const WARMUP = 200;

const MODES = [
	{ label: 'update log (as shipped)', env: { SWITCHBOARD_UNSAFE_NO_UPDATE_LOG: '0' } },
	{ label: 'no update log (unsafe)', env: { SWITCHBOARD_UNSAFE_NO_UPDATE_LOG: '1' } }
];

/** Resolves when the server has acknowledged every update this provider sent. */
function acked(provider: HocuspocusProvider): Promise<void> {
	if (provider.unsyncedChanges === 0) return Promise.resolve();
	return new Promise((resolve) => {
		const listener = ({ number }: { number: number }) => {
			if (number !== 0) return;
			provider.off('unsyncedChanges', listener);
			resolve();
		};
		provider.on('unsyncedChanges', listener);
	});
}

function comment(provider: HocuspocusProvider, contactId: string, agent: BenchAgent, n: number): void {
	addComment({ contact: provider.document }, { contactId, text: `update ${n}`, mentions: [] }, userActor(agent.id));
}

async function throughput(server: RunningServer, workspace: BenchWorkspace, tag: string): Promise<number> {
	const writers = workspace.agents.slice(0, WRITERS);
	const sockets = writers.map((agent) => connectSocket(server.syncUrl, { headers: server.headersFor(agent.cookie) }));
	try {
		const providers = await Promise.all(
			sockets.map((socket, i) => socket.open(contactDocName(workspace.workspaceId, `${tag}-w${i}`)))
		);
		const run = (from: number, to: number) =>
			Promise.all(
				providers.map(async (provider, i) => {
					for (let sent = from; sent < to; sent += WINDOW) {
						for (let n = sent; n < sent + WINDOW; n++) comment(provider, `${tag}-w${i}`, writers[i] as BenchAgent, n);
						await acked(provider);
					}
				})
			);
		await run(0, WARMUP);
		const started = nowMs();
		await run(WARMUP, WARMUP + UPDATES_PER_WRITER);
		return (WRITERS * UPDATES_PER_WRITER) / ((nowMs() - started) / 1000);
	} finally {
		for (const socket of sockets) socket.close();
	}
}

async function ackLatency(server: RunningServer, workspace: BenchWorkspace, tag: string): Promise<number[]> {
	const agent = workspace.agents[0] as BenchAgent;
	const socket = connectSocket(server.syncUrl, { headers: server.headersFor(agent.cookie) });
	try {
		const provider = await socket.open(contactDocName(workspace.workspaceId, `${tag}-latency`));
		for (let n = 0; n < 50; n++) {
			comment(provider, `${tag}-latency`, agent, -n - 1);
			await acked(provider);
		}
		const samples: number[] = [];
		for (let n = 0; n < LATENCY_SAMPLES; n++) {
			const started = nowMs();
			comment(provider, `${tag}-latency`, agent, n);
			await acked(provider);
			samples.push(nowMs() - started);
		}
		return samples;
	} finally {
		socket.close();
	}
}

export async function durableWrite(log: (line: string) => void): Promise<Table[]> {
	const workspace = await prepareWorkspace({ contacts: 300, agents: WRITERS });
	const results = new Map<string, { rates: number[]; latencies: number[] }>(MODES.map((mode) => [mode.label, { rates: [], latencies: [] }]));
	try {
		for (let round = 0; round < ROUNDS; round++) {
			for (const mode of round % 2 === 0 ? MODES : [...MODES].reverse()) {
				// Every round on a fresh copy of the same database, so no round inherits the
				// update log, WAL or compactions of the rounds before it.
				const dataDir = `${workspace.dataDir}-r${round}-${mode.env.SWITCHBOARD_UNSAFE_NO_UPDATE_LOG}`;
				let server: RunningServer | null = null;
				try {
					await cp(workspace.dataDir, dataDir, { recursive: true });
					server = await startOurServer(dataDir, mode.env, mode.label);
					const tag = `r${round}${mode.env.SWITCHBOARD_UNSAFE_NO_UPDATE_LOG === '1' ? 'u' : 's'}`;
					const rate = await throughput(server, workspace, tag);
					const latencies = await ackLatency(server, workspace, tag);
					log(`${mode.label}, round ${round + 1}: ${rate.toFixed(0)} updates/s, ack p50 ${percentile(latencies, 50).toFixed(2)} ms`);
					const result = results.get(mode.label);
					result?.rates.push(rate);
					result?.latencies.push(...latencies);
				} finally {
					await server?.stop();
					await rm(dataDir, { recursive: true, force: true });
				}
			}
		}
	} finally {
		await rm(workspace.dataDir, { recursive: true, force: true });
	}
	const rows = MODES.map((mode) => {
		const { rates, latencies } = results.get(mode.label) ?? { rates: [], latencies: [] };
		return [mode.label, mean(rates), Math.min(...rates), percentile(latencies, 50), percentile(latencies, 99)];
	});
	const [safe, unsafe] = MODES.map((mode) => mean(results.get(mode.label)?.rates ?? []));
	return [
		{
			title: 'Durable-write cost: updates/s through the server with and without the synchronous update log',
			columns: ['mode', 'updates/s (mean)', 'updates/s (worst round)', 'ack p50 ms', 'ack p99 ms'],
			rows,
			notes: [
				`- Throughput: ${WRITERS} writers on their own sockets and documents, ${UPDATES_PER_WRITER} timed \`addComment\` updates each after ${WARMUP} untimed, ${WINDOW} in flight per writer; ${ROUNDS} rounds per mode.`,
				`- Ack latency: one writer, one update at a time, ${LATENCY_SAMPLES} samples per round.`,
				`- The update log keeps ${((100 * (safe ?? 0)) / (unsafe ?? 1)).toFixed(0)}% of the throughput without it.`
			]
		}
	];
}
