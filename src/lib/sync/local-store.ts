import * as Y from 'yjs';
import type { SwitchboardDb, UpdateRow } from './db.ts';
import { localLoadOrigin } from './origins.ts';

// Keeps every document as a log of Yjs updates in one Dexie table. Loading applies a document's
// rows; every other update (local actions and what the provider receives) is appended, batched
// per tick; a document with many rows is compacted into one row through a fresh Y.Doc.

export interface LocalStoreOptions {
	/** Rows a document may have before it is compacted. */
	compactAfter?: number;
	/** Web Locks, so two tabs never compact the same document at once; absent in old browsers and Node. */
	locks?: LockManager | null;
}

export class LocalStore {
	readonly #db: SwitchboardDb;
	readonly #compactAfter: number;
	readonly #locks: LockManager | null;
	/** Rows this tab believes each document has (other tabs append too; compaction re-reads). */
	readonly #rowCounts = new Map<string, number>();
	#buffer: UpdateRow[] = [];
	#flushing: Promise<void> | null = null;
	readonly #compacting = new Map<string, Promise<void>>();

	constructor(db: SwitchboardDb, options: LocalStoreOptions = {}) {
		this.#db = db;
		this.#compactAfter = options.compactAfter ?? 100;
		this.#locks = options.locks !== undefined ? options.locks : (globalThis.navigator?.locks ?? null);
	}

	/** Applies a document's stored rows (read in one transaction) as one Yjs transaction. */
	async load(name: string, doc: Y.Doc): Promise<number> {
		const rows = await this.#db.updates.where('doc').equals(name).toArray();
		doc.transact(() => {
			for (const row of rows) applyStored(doc, name, row);
		}, localLoadOrigin);
		this.#rowCounts.set(name, rows.length);
		if (rows.length > this.#compactAfter) void this.compact(name);
		return rows.length;
	}

	/** Appends every later update of `doc` except those it loaded; returns the unsubscriber. */
	persist(name: string, doc: Y.Doc): () => void {
		const onUpdate = (update: Uint8Array, origin: unknown) => {
			if (origin === localLoadOrigin) return;
			this.#buffer.push({ doc: name, update });
			// Many updates arrive in one task (a first sync of 66 documents): one write for all.
			if (this.#buffer.length === 1) queueMicrotask(() => void this.flush());
		};
		doc.on('update', onUpdate);
		return () => doc.off('update', onUpdate);
	}

	/** Writes buffered updates; resolves when everything buffered so far is on disk. */
	async flush(): Promise<void> {
		while (this.#flushing) await this.#flushing;
		if (this.#buffer.length === 0) return;
		const rows = this.#buffer;
		this.#buffer = [];
		this.#flushing = this.#write(rows).finally(() => (this.#flushing = null));
		await this.#flushing;
	}

	async #write(rows: UpdateRow[]): Promise<void> {
		try {
			await this.#db.updates.bulkAdd(rows);
		} catch (error) {
			// Loud, and the rows go back in the buffer: the next update retries them.
			console.error('switchboard: could not store updates locally', error);
			this.#buffer = rows.concat(this.#buffer);
			return;
		}
		const due = new Set<string>();
		for (const row of rows) {
			const count = (this.#rowCounts.get(row.doc) ?? 0) + 1;
			this.#rowCounts.set(row.doc, count);
			if (count > this.#compactAfter) due.add(row.doc);
		}
		for (const name of due) void this.compact(name);
	}

	/** Replaces a document's rows by one; at most one compaction per document across tabs. */
	compact(name: string): Promise<void> {
		const running = this.#compacting.get(name);
		if (running) return running;
		const task = (async () => {
			try {
				if (!this.#locks) return await this.#compactNow(name);
				await this.#locks.request(`switchboard:compact:${name}`, { ifAvailable: true }, async (lock) => {
					// Another tab holds the lock: it is compacting this document right now.
					if (lock) await this.#compactNow(name);
				});
			} catch (error) {
				console.error(`switchboard: compaction of ${name} failed`, error);
			} finally {
				this.#compacting.delete(name);
			}
		})();
		this.#compacting.set(name, task);
		return task;
	}

	async #compactNow(name: string): Promise<void> {
		const db = this.#db;
		// One transaction: the rows read are exactly the rows deleted, and a row another tab
		// appends meanwhile waits for this transaction and survives it.
		const remaining = await db.transaction('rw', db.updates, async () => {
			const rows = await db.updates.where('doc').equals(name).toArray();
			if (rows.length <= 1) return rows.length;
			// A fresh doc with gc drops deleted content, which Y.mergeUpdates would keep.
			const fresh = new Y.Doc({ gc: true });
			fresh.transact(() => {
				for (const row of rows) applyStored(fresh, name, row);
			});
			const merged = Y.encodeStateAsUpdate(fresh);
			fresh.destroy();
			await db.updates.bulkDelete(rows.map((row) => row.seq as number));
			await db.updates.add({ doc: name, update: merged });
			return 1;
		});
		this.#rowCounts.set(name, remaining);
	}

	/** Forgets every document, e.g. on log-out. */
	async clear(): Promise<void> {
		await this.flush();
		await this.#db.updates.clear();
		this.#rowCounts.clear();
	}
}

/** A row that does not decode (a torn write, a bug) is skipped and reported, never fatal. */
function applyStored(doc: Y.Doc, name: string, row: UpdateRow): void {
	try {
		Y.applyUpdate(doc, row.update, localLoadOrigin);
	} catch (error) {
		console.error(`switchboard: skipped unreadable stored update ${row.seq} of ${name}`, error);
	}
}
