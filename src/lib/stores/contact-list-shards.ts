import type * as Y from 'yjs';
import { contactIdsOfKeys, indexMaps, readContactSummaries, readContactSummary } from '$shared/doc/index.ts';
import type { ContactSummary, LastMessage } from '$shared/schemas/index.ts';

// One index shard's rows, kept up to date from the keys each transaction touched. A change to
// a few contacts re-reads only those contacts; a burst (a first sync, a bulk import) re-reads
// the whole shard once. Rows that did not change keep their object, so views and caches keyed
// by row see nothing new, and only the rows that changed are handed on.

/** Above this many changed contacts in one frame, reading the whole shard is cheaper. */
const FULL_READ_AFTER = 24;

export interface RowChange {
	before: ContactSummary | null;
	after: ContactSummary | null;
}

export class ShardRows {
	readonly #doc: Y.Doc;
	readonly #maps: ReadonlySet<unknown>;
	readonly #rows = new Map<string, ContactSummary>();
	/** Rows from a snapshot (rows-snapshot.ts), handed on by the next refresh, before the document is read. */
	#seeded: readonly ContactSummary[] | null = null;
	#dirty = new Set<string>();
	#full = true;
	readonly #onChange: () => void;
	readonly #onTransaction = (transaction: Y.Transaction) => {
		if (this.#full) return this.#onChange();
		for (const [type, keys] of transaction.changed) {
			if (!this.#maps.has(type)) continue;
			for (const id of contactIdsOfKeys(keysOf(keys))) this.#dirty.add(id);
		}
		if (this.#dirty.size > FULL_READ_AFTER) {
			this.#full = true;
			this.#dirty.clear();
		}
		if (this.#full || this.#dirty.size > 0) this.#onChange();
	};

	constructor(doc: Y.Doc, onChange: () => void) {
		this.#doc = doc;
		this.#maps = new Set<unknown>(Object.values(indexMaps(doc)));
		this.#onChange = onChange;
		doc.on('afterTransaction', this.#onTransaction);
	}

	get rows(): IterableIterator<ContactSummary> {
		return this.#rows.values();
	}

	get size(): number {
		return this.#rows.size;
	}

	get(contactId: string): ContactSummary | undefined {
		return this.#rows.get(contactId);
	}

	get pending(): boolean {
		return this.#seeded !== null || this.#full || this.#dirty.size > 0;
	}

	/**
	 * Starts from a snapshot's rows while the document is still loading: they are the rows until
	 * `loaded` is called, which reads the whole document and keeps only what really differs.
	 */
	seed(rows: readonly ContactSummary[]): void {
		this.#seeded = rows;
		this.#full = false;
		this.#dirty.clear();
	}

	/** The document has loaded: read all of it at the next refresh. */
	loaded(): void {
		this.#full = true;
		this.#onChange();
	}

	/** Re-reads what changed since the last call; returns the rows that really differ. */
	refresh(): RowChange[] {
		const changes: RowChange[] = [];
		if (this.#seeded) {
			// Snapshot rows were written from the shared reader's rows: each is a fresh object.
			for (const row of this.#seeded) {
				const before = this.#rows.get(row.id) ?? null;
				this.#rows.set(row.id, row);
				changes.push({ before, after: row });
			}
			this.#seeded = null;
		}
		if (this.#full) {
			this.#full = false;
			this.#dirty.clear();
			const seen = new Set<string>();
			for (const row of readContactSummaries(this.#doc)) {
				seen.add(row.id);
				this.#put(row, changes);
			}
			for (const [id, before] of this.#rows) {
				if (seen.has(id)) continue;
				this.#rows.delete(id);
				changes.push({ before, after: null });
			}
			return changes;
		}
		const dirty = this.#dirty;
		this.#dirty = new Set();
		for (const id of dirty) {
			const row = readContactSummary(this.#doc, id);
			if (row) this.#put(row, changes);
			else {
				const before = this.#rows.get(id);
				if (before) {
					this.#rows.delete(id);
					changes.push({ before, after: null });
				}
			}
		}
		return changes;
	}

	#put(row: ContactSummary, changes: RowChange[]): void {
		const before = this.#rows.get(row.id) ?? null;
		if (before && sameRow(before, row)) return;
		// Every list and count reads every row, so rows must be cheap to read: a fresh copy gets
		// one stable object shape in V8 (the reader's objects measured up to 5× slower to filter,
		// and frozen ones slower still). Rows are never mutated; a change is a new row.
		const after: ContactSummary = { ...row };
		this.#rows.set(row.id, after);
		changes.push({ before, after });
	}

	destroy(): void {
		this.#doc.off('afterTransaction', this.#onTransaction);
	}
}

function* keysOf(keys: Set<string | null>): Generator<string> {
	for (const key of keys) if (key !== null) yield key;
}

function sameLast(a: LastMessage | null, b: LastMessage | null): boolean {
	if (a === null || b === null) return a === b;
	return a.messageId === b.messageId && a.at === b.at && a.direction === b.direction && a.text === b.text;
}

export function sameRow(a: ContactSummary, b: ContactSummary): boolean {
	return (
		a.name === b.name &&
		a.channel === b.channel &&
		a.phone === b.phone &&
		a.email === b.email &&
		a.avatarUrl === b.avatarUrl &&
		a.createdAt === b.createdAt &&
		a.status === b.status &&
		a.assignee === b.assignee &&
		a.snoozedUntil === b.snoozedUntil &&
		a.incoming === b.incoming &&
		a.tags.length === b.tags.length &&
		a.tags.every((tag, i) => tag === b.tags[i]) &&
		sameLast(a.last, b.last)
	);
}
