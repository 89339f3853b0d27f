import Dexie from 'dexie';
import * as Y from 'yjs';
import type { UpdateRow } from './db.ts';
import type { MessageSearchIndex } from './search-index.ts';

// Keeps the message index in step with what this device stores. Every update of a contact
// document (an action here, what the provider receives, a compaction) is appended to the
// `updates` table, so a creating hook there sees each change without the provider pool
// knowing about search. At start, a scan of the stored keys finds documents changed while no
// feed ran (another tab, an older version of the app). Documents are indexed one at a time,
// from the open Y.Doc when the pool holds it, else from their stored rows; `onRead` gets each
// decoded document too, so other derived data (conversation heads) needs no decoding of its own.

export interface SearchFeedOptions {
	/** The document if it is open already (the pool's), so it is not decoded again. */
	openDoc?: (name: string) => Y.Doc | undefined;
	/** Lets the page breathe between documents; a macrotask by default. */
	pause?: () => Promise<void>;
	/** Also gets each document the feed has read, while it is decoded (conversation heads). */
	onRead?: (name: string, doc: Y.Doc) => Promise<void>;
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class SearchIndexFeed {
	readonly #index: MessageSearchIndex;
	readonly #options: SearchFeedOptions;
	/** Documents waiting to be indexed, with the highest stored update seen for each. */
	readonly #queue = new Map<string, number>();
	#running: Promise<void> | null = null;
	#stopped = false;
	readonly #listeners = new Set<() => void>();
	readonly #hook: (this: { onsuccess?: (key: number) => void }, key: unknown, row: UpdateRow) => void;

	constructor(index: MessageSearchIndex, options: SearchFeedOptions = {}) {
		this.#index = index;
		this.#options = options;
		const covers = (doc: string) => index.covers(doc);
		const enqueue = (doc: string, seq: number) => this.#enqueue(doc, seq);
		// Dexie calls creating hooks with the hook context as `this`; the key of an
		// auto-increment row is known only once the write succeeded.
		this.#hook = function (_key, row) {
			if (!covers(row.doc)) return;
			this.onsuccess = (seq: number) => enqueue(row.doc, seq);
		};
		index.db.updates.hook('creating', this.#hook);
	}

	/** Calls `listener` whenever indexing changed what a search would find; returns the unsubscriber. */
	subscribe(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	#notify(): void {
		for (const listener of this.#listeners) listener();
	}

	/** Queues every document whose stored updates the index does not reflect yet. */
	async catchUp(): Promise<void> {
		const indexed = await this.#index.indexedSeqs();
		const stored = new Map<string, number>();
		// A key cursor over the `doc` index: names and row keys only, no update bytes.
		await this.#index.db.updates
			.where('doc')
			.startsWith(this.#index.prefix)
			.eachPrimaryKey((seq, cursor) => {
				const doc = cursor.key as string;
				if ((stored.get(doc) ?? -1) < (seq as number)) stored.set(doc, seq as number);
			});
		for (const [doc, seq] of stored) {
			if (this.#index.covers(doc) && (indexed.get(doc) ?? -1) < seq) this.#enqueue(doc, seq);
		}
		await this.idle();
	}

	#enqueue(doc: string, seq: number): void {
		if (this.#stopped) return;
		if ((this.#queue.get(doc) ?? -1) < seq) this.#queue.set(doc, seq);
		// The hook runs inside the writer's transaction; Dexie would carry that (finished)
		// transaction into the drain's own reads, so the drain starts outside it.
		this.#running ??= Dexie.ignoreTransaction(() => this.#drain()).finally(() => (this.#running = null));
	}

	/** Resolves once every queued document is indexed. */
	async idle(): Promise<void> {
		while (this.#running) await this.#running;
	}

	async #drain(): Promise<void> {
		// Let the write that queued the first document settle, and batch its neighbours.
		await (this.#options.pause ?? macrotask)();
		let added = 0;
		let done = 0;
		while (!this.#stopped && this.#queue.size > 0) {
			const [doc, seq] = this.#queue.entries().next().value as [string, number];
			this.#queue.delete(doc);
			try {
				added += await this.#indexOne(doc, seq);
			} catch (error) {
				console.error(`switchboard: could not index ${doc} for search`, error);
			}
			// A long catch-up shows results as it goes, not only at its end.
			if (added > 0 && (this.#queue.size === 0 || ++done % 25 === 0)) {
				this.#notify();
				added = 0;
			}
			if (this.#queue.size > 0) await (this.#options.pause ?? macrotask)();
		}
	}

	async #indexOne(doc: string, seq: number): Promise<number> {
		const open = this.#options.openDoc?.(doc);
		if (open) return this.#read(doc, open, seq);
		const rows = await this.#index.db.updates.where('doc').equals(doc).toArray();
		const ydoc = new Y.Doc({ gc: true });
		let last = seq;
		try {
			ydoc.transact(() => {
				for (const row of rows) {
					last = Math.max(last, row.seq ?? 0);
					try {
						Y.applyUpdate(ydoc, row.update);
					} catch {
						// An unreadable row is reported by the local store when the document opens.
					}
				}
			});
			return await this.#read(doc, ydoc, last);
		} finally {
			ydoc.destroy();
		}
	}

	async #read(name: string, doc: Y.Doc, seq: number): Promise<number> {
		const added = await this.#index.indexDoc(name, doc, seq);
		try {
			await this.#options.onRead?.(name, doc);
		} catch (error) {
			console.error(`switchboard: could not keep the head of ${name}`, error);
		}
		return added;
	}

	destroy(): void {
		this.#stopped = true;
		this.#queue.clear();
		this.#index.db.updates.hook('creating').unsubscribe(this.#hook);
	}
}
