// Decides when a document's update log is folded into its snapshot: when the log passes the
// threshold, when the document has been idle for a while, and when it unloads. At most one
// compaction per document runs at a time; the fold itself happens in the worker thread.
import type { Logger } from '../log.ts';
import type { Storage } from '../storage/types.ts';

export type CompactionPolicy = { threshold: number; idleMs: number };

export class CompactionScheduler {
	readonly #storage: Storage;
	readonly #policy: CompactionPolicy;
	readonly #log: Logger;
	/** Update rows not yet compacted, as far as this process knows. */
	readonly #pending = new Map<string, number>();
	readonly #running = new Map<string, Promise<void>>();
	readonly #idleTimers = new Map<string, NodeJS.Timeout>();
	#closed = false;

	constructor(storage: Storage, policy: CompactionPolicy, log: Logger) {
		this.#storage = storage;
		this.#policy = policy;
		this.#log = log;
	}

	/** A document was loaded with `rows` update rows in its log. */
	loaded(name: string, rows: number) {
		this.#pending.set(name, rows);
		if (rows >= this.#policy.threshold) void this.compact(name);
	}

	/** One update row was appended (called on the append path: must stay cheap). */
	appended(name: string) {
		const rows = (this.#pending.get(name) ?? 0) + 1;
		this.#pending.set(name, rows);
		if (rows >= this.#policy.threshold) void this.compact(name);
	}

	/** The document changed; compact once it has been quiet for `idleMs`. */
	changed(name: string) {
		this.#clearIdle(name);
		if (this.#closed) return;
		const timer = setTimeout(() => {
			this.#idleTimers.delete(name);
			if ((this.#pending.get(name) ?? 0) > 0) void this.compact(name);
		}, this.#policy.idleMs);
		timer.unref();
		this.#idleTimers.set(name, timer);
	}

	/** The document left memory: compact what it left behind, then forget it. */
	unloaded(name: string) {
		this.#clearIdle(name);
		const rows = this.#pending.get(name) ?? 0;
		if (rows === 0) {
			this.#pending.delete(name);
			return;
		}
		void this.compact(name).then(() => {
			if (!this.#idleTimers.has(name) && !this.#running.has(name)) this.#pending.delete(name);
		});
	}

	/** Compacts now (or joins the running compaction of this document). Never rejects. */
	compact(name: string): Promise<void> {
		const running = this.#running.get(name);
		if (running) return running;
		if (this.#closed) return Promise.resolve();
		const started = Date.now();
		const run = this.#storage
			.compactDocument(name)
			.then(({ compactedUpdates, snapshotBytes }) => {
				const rows = this.#pending.get(name);
				if (rows !== undefined) this.#pending.set(name, Math.max(0, rows - compactedUpdates));
				if (compactedUpdates > 0) {
					this.#log.info(
						`compacted ${name}: ${compactedUpdates} updates folded, snapshot ${snapshotBytes} bytes, ${Date.now() - started} ms`
					);
				}
			})
			.catch((error: unknown) => {
				// The log rows are untouched when a compaction fails: nothing is lost, the
				// next trigger tries again.
				this.#log.error(`compaction of ${name} failed; its update log is kept`, error);
			})
			.finally(() => this.#running.delete(name));
		this.#running.set(name, run);
		return run;
	}

	/** Stops scheduling and waits for running compactions. */
	async close(): Promise<void> {
		this.#closed = true;
		for (const name of [...this.#idleTimers.keys()]) this.#clearIdle(name);
		await Promise.all(this.#running.values());
	}

	#clearIdle(name: string) {
		const timer = this.#idleTimers.get(name);
		if (timer) clearTimeout(timer);
		this.#idleTimers.delete(name);
	}
}
