import type * as Y from 'yjs';
import { contactMaps, parseDocName, readRecord } from '$shared/doc/index.ts';
import { messageSchema } from '$shared/schemas/index.ts';
import type { MessageTextRow, SwitchboardDb } from './db.ts';
import { queryWords, wordsOf } from './search-index-text.ts';

// The local message search index: one row per message of every contact document this device
// holds, with the folded words of its text in a multi-entry index, so a search is a few prefix
// range scans in IndexedDB with no server round trip and no result cap. Messages are never
// edited or deleted, so indexing a document only adds the messages the index lacks.

const SEPARATOR = '|';
/** Enough digits for any millisecond timestamp, so keys sort by time within a document. */
const TIME_DIGITS = 16;

export const searchKey = (doc: string, at: number, messageId: string) =>
	[doc, String(Math.max(0, Math.floor(at))).padStart(TIME_DIGITS, '0'), messageId].join(SEPARATOR);

interface ParsedKey {
	doc: string;
	at: number;
	messageId: string;
}

function parseKey(key: string): ParsedKey | null {
	const [doc, time, messageId] = key.split(SEPARATOR);
	if (doc === undefined || time === undefined || messageId === undefined) return null;
	return { doc, at: Number(time), messageId };
}

/** One conversation that has messages matching a search. */
export interface ConversationHit {
	contactId: string;
	/** Messages of the conversation that match. */
	count: number;
	/** The newest matching message. */
	latest: { messageId: string; at: number; text: string; direction: 'in' | 'out' };
}

export class MessageSearchIndex {
	readonly #db: SwitchboardDb;
	readonly #prefix: string;
	/** Message ids already indexed, per recently indexed document: spares a key scan per change. */
	readonly #known = new Map<string, Set<string>>();
	static readonly KNOWN_DOCS = 100;

	/** `workspaceId` scopes searches: the database may hold another workspace's documents. */
	constructor(db: SwitchboardDb, workspaceId: string) {
		this.#db = db;
		this.#prefix = `contact/${workspaceId}/`;
	}

	get db(): SwitchboardDb {
		return this.#db;
	}

	/** Names of this workspace's contact documents start with it. */
	get prefix(): string {
		return this.#prefix;
	}

	/** Whether a document name is one of this workspace's contact documents. */
	covers(doc: string): boolean {
		return doc.startsWith(this.#prefix) && parseDocName(doc)?.kind === 'contact';
	}

	/**
	 * Adds the document's messages the index does not have yet, and records that the index now
	 * reflects the document's stored updates up to `seq`. Returns how many rows it added.
	 */
	async indexDoc(doc: string, ydoc: Y.Doc, seq: number): Promise<number> {
		const known = await this.#knownIds(doc);
		const rows: MessageTextRow[] = [];
		for (const [id, value] of contactMaps(ydoc).messages.entries()) {
			if (known.has(id)) continue;
			const message = readRecord(messageSchema, value, 'contact.messages', id);
			if (message === null || message.id !== id) continue;
			rows.push({
				key: searchKey(doc, message.at, message.id),
				doc,
				text: message.text,
				direction: message.direction,
				tokens: wordsOf(message.text)
			});
		}
		const db = this.#db;
		await db.transaction('rw', db.messageText, db.searchDocs, async () => {
			if (rows.length > 0) await db.messageText.bulkPut(rows);
			const previous = await db.searchDocs.get(doc);
			if (!previous || previous.seq < seq) await db.searchDocs.put({ doc, seq });
		});
		for (const row of rows) known.add(parseKey(row.key)?.messageId ?? '');
		return rows.length;
	}

	async #knownIds(doc: string): Promise<Set<string>> {
		let known = this.#known.get(doc);
		if (known) {
			// Most recently used last, so the oldest is the one dropped.
			this.#known.delete(doc);
			this.#known.set(doc, known);
			return known;
		}
		const keys = (await this.#db.messageText.where('doc').equals(doc).primaryKeys()) as string[];
		known = new Set(keys.map((key) => parseKey(key)?.messageId ?? ''));
		this.#known.set(doc, known);
		if (this.#known.size > MessageSearchIndex.KNOWN_DOCS) {
			const oldest = this.#known.keys().next().value;
			if (oldest !== undefined) this.#known.delete(oldest);
		}
		return known;
	}

	/** The stored-update position the index reflects, per document of this workspace. */
	async indexedSeqs(): Promise<Map<string, number>> {
		const rows = await this.#db.searchDocs.where('doc').startsWith(this.#prefix).toArray();
		return new Map(rows.map((row) => [row.doc, row.seq]));
	}

	/**
	 * Conversations with messages that contain every word of the query as the start of a word,
	 * newest match first. Hits are grouped from index keys alone; only the newest matching row
	 * of each conversation is read.
	 */
	async search(query: string): Promise<ConversationHit[]> {
		// One-letter words match most of the index and say little: they are left out.
		const words = queryWords(query).filter((word) => word.length >= 2);
		if (words.length === 0) return [];
		let keys: Set<string> | null = null;
		for (const word of words.sort((a, b) => b.length - a.length)) {
			const found = (await this.#db.messageText.where('tokens').startsWith(word).primaryKeys()) as string[];
			const next = new Set<string>();
			for (const key of found) if (keys === null || keys.has(key)) next.add(key);
			keys = next;
			if (keys.size === 0) return [];
		}
		const groups = new Map<string, { count: number; latest: string }>();
		for (const key of keys ?? []) {
			if (!key.startsWith(this.#prefix)) continue;
			const doc = key.slice(0, key.indexOf(SEPARATOR));
			const group = groups.get(doc);
			// Keys of one document sort by time, so the greatest key is its newest message.
			if (!group) groups.set(doc, { count: 1, latest: key });
			else {
				group.count++;
				if (key > group.latest) group.latest = key;
			}
		}
		const latestRows = await this.#db.messageText.bulkGet([...groups.values()].map((group) => group.latest));
		const hits: ConversationHit[] = [];
		for (const row of latestRows) {
			if (!row) continue;
			const parsed = parseKey(row.key);
			const contactId = parseDocName(row.doc);
			if (!parsed || contactId?.kind !== 'contact') continue;
			hits.push({
				contactId: contactId.contactId,
				count: groups.get(row.doc)?.count ?? 1,
				latest: { messageId: parsed.messageId, at: parsed.at, text: row.text, direction: row.direction }
			});
		}
		return hits.sort((a, b) => b.latest.at - a.latest.at);
	}

	/** Forgets everything indexed (log-out on a shared computer). */
	async clear(): Promise<void> {
		this.#known.clear();
		await clearSearchTables(this.#db);
	}
}

/** Empties the index of every workspace. */
export async function clearSearchTables(db: SwitchboardDb): Promise<void> {
	await db.transaction('rw', db.messageText, db.searchDocs, async () => {
		await db.messageText.clear();
		await db.searchDocs.clear();
	});
}
