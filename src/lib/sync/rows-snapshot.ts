import type * as Y from 'yjs';
import { INDEX_SHARDS, readContactSummaries } from '$shared/doc/index.ts';
import type { ContactSummary } from '$shared/schemas/index.ts';
import type { SwitchboardDb } from './db.ts';
import { localLoadOrigin } from './origins.ts';

// The contact list rows of each index shard, kept beside the shard's Y updates in IndexedDB, so
// a reload paints the list from plain rows before the shards' Y.Docs are rebuilt. Measured with
// 50,000 contacts in Chromium: rebuilding the 64 Y.Docs (27 MB of updates) and reading their
// rows took 1.6–2.5 s before the first row showed; the rows alone are one read. The Y.Docs
// then load after the first paint and the list corrects any row the snapshot had wrong (it
// may be seconds old: it is written in idle time after changes). Rows come from the shared
// reader, which validates them, and are stored per shard: a change rewrites one shard.

const VERSION = 1;
const SHARDS_PER_IDLE = 8;
const PREFIX = 'rows:';
const keyOf = (workspaceId: string, shard: number) => `${PREFIX}${workspaceId}:${shard}`;

interface SnapshotValue {
	v: number;
	rows: ContactSummary[];
}

function isSnapshot(value: unknown): value is SnapshotValue {
	if (typeof value !== 'object' || value === null) return false;
	const { v, rows } = value as Partial<SnapshotValue>;
	// A spot check: these rows are written by this code, and replaced by the shards' own soon.
	return v === VERSION && Array.isArray(rows) && (rows.length === 0 || typeof rows[0]?.id === 'string');
}

/** Every shard's rows, in shard order, or null unless all 64 are stored. */
export async function loadRowsSnapshot(db: SwitchboardDb, workspaceId: string): Promise<ContactSummary[][] | null> {
	try {
		const keys = Array.from({ length: INDEX_SHARDS }, (_, shard) => keyOf(workspaceId, shard));
		const found = await db.meta.bulkGet(keys);
		const shards: ContactSummary[][] = [];
		for (const row of found) {
			if (!isSnapshot(row?.value)) return null;
			shards.push(row.value.rows);
		}
		return shards;
	} catch (error) {
		console.error('switchboard: could not read the contact list snapshot', error);
		return null;
	}
}

/** Forgets every snapshot (log-out): they hold the same data as the documents. */
export async function clearRowsSnapshots(db: SwitchboardDb): Promise<void> {
	await db.meta.where('key').startsWith(PREFIX).delete();
}

export interface SnapshotWriterOptions {
	/** Wait after the first change before writing (later changes join it). */
	delayMs?: number;
	/** Runs `write` when the page is idle. */
	idle?: (write: () => void) => void;
}

const whenIdle = (write: () => void) => {
	if (typeof requestIdleCallback === 'function') requestIdleCallback(write, { timeout: 5000 });
	else setTimeout(write, 0);
};

/** Writes the rows of shards that changed, once the shards are loaded, a little after each change. */
export class RowsSnapshotWriter {
	readonly #db: SwitchboardDb;
	readonly #workspaceId: string;
	readonly #docs: readonly Y.Doc[];
	readonly #options: Required<SnapshotWriterOptions>;
	readonly #dirty = new Set<number>();
	#ready = false;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#writing: Promise<void> = Promise.resolve();
	#stopped = false;
	readonly #off: (() => void)[] = [];

	/** `loaded` resolves when the shards are loaded; `stale` says every shard must be written then. */
	constructor(db: SwitchboardDb, workspaceId: string, docs: readonly Y.Doc[], loaded: Promise<unknown>, stale: boolean, options: SnapshotWriterOptions = {}) {
		this.#db = db;
		this.#workspaceId = workspaceId;
		this.#docs = docs;
		this.#options = { delayMs: options.delayMs ?? 3000, idle: options.idle ?? whenIdle };
		docs.forEach((doc, shard) => {
			const onUpdate = (_update: Uint8Array, origin: unknown) => {
				if (origin === localLoadOrigin) return;
				this.#dirty.add(shard);
				this.#schedule();
			};
			doc.on('update', onUpdate);
			this.#off.push(() => doc.off('update', onUpdate));
		});
		const onHide = () => {
			if (document.visibilityState === 'hidden') void this.flush();
		};
		if (typeof document !== 'undefined') {
			document.addEventListener('visibilitychange', onHide);
			this.#off.push(() => document.removeEventListener('visibilitychange', onHide));
		}
		void loaded.then(() => {
			this.#ready = true;
			if (stale) docs.forEach((_, shard) => this.#dirty.add(shard));
			this.#schedule();
		});
	}

	#schedule(): void {
		// Not reset by later changes: a busy workspace still gets its snapshot written.
		if (!this.#ready || this.#stopped || this.#dirty.size === 0 || this.#timer !== null) return;
		this.#timer = setTimeout(() => {
			this.#timer = null;
			this.#writeSome();
		}, this.#options.delayMs);
	}

	/** A few shards per idle period: reading all 64 at once would be a long task. */
	#writeSome(): void {
		this.#options.idle(() => {
			if (this.#stopped) return;
			void this.flush(SHARDS_PER_IDLE);
			if (this.#dirty.size > 0) this.#writeSome();
		});
	}

	/** Writes changed shards now (all, or up to `limit`); resolves when they are stored. */
	flush(limit = Infinity): Promise<void> {
		if (!this.#ready || this.#dirty.size === 0) return this.#writing;
		const shards = [...this.#dirty].slice(0, limit);
		for (const shard of shards) this.#dirty.delete(shard);
		const rows = shards.map((shard) => ({
			key: keyOf(this.#workspaceId, shard),
			value: { v: VERSION, rows: readContactSummaries(this.#docs[shard] as Y.Doc) } satisfies SnapshotValue
		}));
		this.#writing = this.#writing
			.then(() => this.#db.meta.bulkPut(rows))
			.then(
				() => undefined,
				(error: unknown) => {
					// Not fatal: the next reload rebuilds the list from the documents, only slower.
					console.error('switchboard: could not store the contact list snapshot', error);
					for (const shard of shards) this.#dirty.add(shard);
				}
			);
		return this.#writing;
	}

	destroy(): void {
		this.#stopped = true;
		if (this.#timer !== null) clearTimeout(this.#timer);
		for (const off of this.#off) off();
	}
}
