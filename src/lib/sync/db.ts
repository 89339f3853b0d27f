import Dexie, { type EntityTable, type DexieOptions } from 'dexie';
import type { OutgoingRow, UploadRow } from './upload-rows.ts';

// One IndexedDB database for everything the client keeps: every document's updates, and small
// key/value records (cached identity, actions waiting for the server). One database, not one per
// document: thousands of contact documents would mean thousands of databases to open.

export interface UpdateRow {
	/** Auto-increment key: the order rows were written in (Yjs does not need it, compaction does). */
	seq?: number;
	/** Document name, e.g. `index/{wid}/7`. */
	doc: string;
	update: Uint8Array;
}

export interface MessageTextRow {
	/** `searchKey(doc, at, messageId)`: sorts by document, then time. */
	key: string;
	doc: string;
	text: string;
	direction: 'in' | 'out';
	/** Folded words of the text (search-index-text.ts), for prefix lookups. */
	tokens: string[];
}

export interface SearchDocRow {
	doc: string;
	seq: number;
}

export interface MetaRow {
	key: string;
	value: unknown;
}

export type SwitchboardDb = Dexie & {
	/** Files attached by the agent, waiting for (or done with) their upload (upload-rows.ts). */
	uploads: EntityTable<UploadRow, 'id'>;
	/** Messages with files, waiting for their uploads before they are written. */
	outgoing: EntityTable<OutgoingRow, 'messageId'>;
	updates: EntityTable<UpdateRow, 'seq'>;
	meta: EntityTable<MetaRow, 'key'>;
	/** The local message search index (search-index.ts). */
	messageText: EntityTable<MessageTextRow, 'key'>;
	/** Per contact document, the last stored update the search index reflects. */
	searchDocs: EntityTable<SearchDocRow, 'doc'>;
};

export const DB_NAME = 'switchboard';

/** `options` lets node tests pass fake-indexeddb; the browser uses its own IndexedDB. */
export function openDb(name = DB_NAME, options?: DexieOptions): SwitchboardDb {
	const db = new Dexie(name, options) as SwitchboardDb;
	db.version(1).stores({ updates: '++seq, doc', meta: 'key' });
	// v2: the message search index. The key carries doc, time and id, so a search groups and
	// orders hits from keys alone and reads only one row per conversation found.
	db.version(2).stores({ messageText: 'key, doc, *tokens', searchDocs: 'doc' });
	// v3: files waiting to upload, and the messages waiting for them.
	db.version(3).stores({ uploads: 'id, scope', outgoing: 'messageId, scope' });
	return db;
}
