// Main-thread handle on the compaction worker: starts it on first use, sends tasks, and
// settles each task's promise from the worker's reply. A crashed worker fails its pending
// tasks loudly and is started again for the next task; the database is never left half
// written because each compaction commits in one transaction.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../log.ts';
import type { CompactionTask, TaskResult, WorkerReply, WorkerRequest } from './compaction-protocol.ts';

type Pending = { resolve: (value: never) => void; reject: (error: Error) => void };

/*
 * The worker's source is TypeScript. `--import tsx` in a worker's execArgv does not
 * register tsx's hooks for the worker on Node 20, so a tiny eval'd bootstrap loads the entry
 * through tsx's API instead. This works the same under `node --import tsx` and vitest.
 */
function tsxEsmApiUrl(): string {
	// The ESM build of tsx's API (require.resolve would give the CommonJS one, which can't
	// load from an eval'd worker).
	const require = createRequire(import.meta.url);
	const manifest = require('tsx/package.json') as { exports: Record<string, { import: { default: string } }> };
	const entry = manifest.exports['./esm/api']?.import.default ?? './dist/esm/api/index.mjs';
	return pathToFileURL(path.join(path.dirname(require.resolve('tsx/package.json')), entry)).href;
}

function bootstrapSource(): string {
	const tsxApi = tsxEsmApiUrl();
	const entry = new URL('./compaction-worker.ts', import.meta.url).href;
	return `import(${JSON.stringify(tsxApi)})
		.then((api) => (api.tsImport ?? api.default.tsImport)(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`;
}

export class Compactor {
	#worker: Worker | null = null;
	#pending = new Map<number, Pending>();
	#nextId = 1;
	#closed = false;
	readonly #log: Logger;

	constructor(log: Logger) {
		this.#log = log;
	}

	run<T extends CompactionTask>(task: T): Promise<TaskResult<T>> {
		if (this.#closed) return Promise.reject(new Error('compactor is closed'));
		const id = this.#nextId++;
		return new Promise<TaskResult<T>>((resolve, reject) => {
			this.#pending.set(id, { resolve: resolve as (value: never) => void, reject });
			const request: WorkerRequest = { id, task };
			const worker = this.#start();
			// Keep the process alive while work is queued (a CLI awaiting a compaction), but
			// not when idle.
			worker.ref();
			worker.postMessage(request);
		});
	}

	/** Lets running tasks finish, then stops the worker. */
	async close(): Promise<void> {
		this.#closed = true;
		const worker = this.#worker;
		if (!worker) return;
		await new Promise<void>((done) => this.#whenIdle(done));
		this.#worker = null;
		await worker.terminate();
	}

	#idleWaiters: Array<() => void> = [];

	#whenIdle(done: () => void) {
		if (this.#pending.size === 0) done();
		else this.#idleWaiters.push(done);
	}

	#settled() {
		if (this.#pending.size > 0) return;
		this.#worker?.unref();
		for (const done of this.#idleWaiters.splice(0)) done();
	}

	#start(): Worker {
		if (this.#worker) return this.#worker;
		const worker = new Worker(bootstrapSource(), { eval: true });
		worker.on('message', (message: WorkerReply) => this.#onReply(message));
		worker.on('error', (error) => this.#fail(worker, error));
		worker.on('exit', (code) => this.#fail(worker, new Error(`compaction worker exited with code ${code}`)));
		this.#worker = worker;
		return worker;
	}

	#onReply(message: WorkerReply) {
		if (message.type === 'log') {
			this.#log.info(message.message);
			return;
		}
		const pending = this.#pending.get(message.id);
		if (!pending) return;
		this.#pending.delete(message.id);
		if (message.type === 'done') pending.resolve(message.result as never);
		else pending.reject(new Error(`compaction failed in worker: ${message.error}`));
		this.#settled();
	}

	#fail(worker: Worker, error: Error) {
		if (this.#worker !== worker) return;
		this.#worker = null;
		if (this.#pending.size > 0) this.#log.error('compaction worker died; its tasks failed', error);
		for (const pending of this.#pending.values()) pending.reject(error);
		this.#pending.clear();
		this.#settled();
	}
}
