import type * as Y from 'yjs';
import { contactMaps } from '$shared/doc/index.ts';
import type { SwitchboardDb } from '../sync/db.ts';
import { afterNextPaint } from '../sync/workspace-client.ts';
import { compareRefs, placeOf, type HistoryRef } from './conversation-history.ts';
import { HistoryItems, type HistoryItem } from './conversation-items.ts';
import { PAGE } from './conversation-window.ts';

// The latest page of a long conversation, kept as plain items beside its document in
// IndexedDB, so opening it paints at once. Measured with a 10,000-message contact in Chromium:
// reading its 3 MB of updates took 20–40 ms and rebuilding the Y.Doc 55–85 ms before anything
// could show; the page alone is one small read. The document still loads right after, and its
// store replaces the page (same keys, so the rows stay in place). The search index feed writes
// a head whenever it has read a changed document, so a head is as fresh as the message index.
// Opening a document waits for its head to be read and painted (HeadReader.beforeLoad, used
// by the provider pool), whichever view asked for the document first.

const VERSION = 1;
const PREFIX = 'head:';
/** Shorter histories open from their document within a frame or two: no head for them. */
export const HEAD_MIN_RECORDS = 500;

export interface ConversationHead {
	v: number;
	/** The latest records, oldest first, as the conversation store shows them. */
	items: HistoryItem[];
	/** Records in the whole history. */
	total: number;
}

const keyOf = (docName: string) => `${PREFIX}${docName}`;

/**
 * The latest page of a history long enough to need one, else null. Run by the search feed on
 * every stored change of a long conversation, so it orders plain refs (no per-record map, as
 * the store keeps for live updates) and reads delivery keys only for the page's messages.
 */
export function latestHead(doc: Y.Doc, count = PAGE): ConversationHead | null {
	const maps = contactMaps(doc);
	if (maps.messages.size + maps.events.size < HEAD_MIN_RECORDS) return null;
	const refs: HistoryRef[] = [];
	for (const [id, raw] of maps.messages.entries()) {
		const at = placeOf('message', raw);
		if (at !== null) refs.push({ kind: 'message', id, at });
	}
	for (const [id, raw] of maps.events.entries()) {
		const at = placeOf('event', raw);
		if (at !== null) refs.push({ kind: 'event', id, at });
	}
	refs.sort(compareRefs);
	const page = refs.slice(Math.max(0, refs.length - count));
	const messageIds = new Set(page.filter((ref) => ref.kind === 'message').map((ref) => ref.id));
	const reader = new HistoryItems(maps.messages, maps.events, maps.delivery, messageIds);
	const items: HistoryItem[] = [];
	for (const ref of page) {
		const item = reader.get(ref);
		if (item) items.push(item);
	}
	return { v: VERSION, items, total: refs.length };
}

function isHead(value: unknown): value is ConversationHead {
	if (typeof value !== 'object' || value === null) return false;
	const { v, items, total } = value as Partial<ConversationHead>;
	// A spot check: heads are written by this code, and replaced by the document's own records.
	return (
		v === VERSION &&
		typeof total === 'number' &&
		Array.isArray(items) &&
		items.every((item) => typeof item?.key === 'string' && (item.kind === 'message' || item.kind === 'event'))
	);
}

export async function loadHead(db: SwitchboardDb, docName: string): Promise<ConversationHead | null> {
	try {
		const row = await db.meta.get(keyOf(docName));
		return isHead(row?.value) ? row.value : null;
	} catch (error) {
		console.error('switchboard: could not read a conversation head', error);
		return null;
	}
}

/** Writes the head of `doc`, if its history is long enough to have one. */
export async function saveHead(db: SwitchboardDb, docName: string, doc: Y.Doc): Promise<void> {
	const head = latestHead(doc);
	if (head) await db.meta.put({ key: keyOf(docName), value: head });
}

/** Forgets every head (log-out): they hold the same data as the documents. */
export async function clearHeads(db: SwitchboardDb): Promise<void> {
	await db.meta.where('key').startsWith(PREFIX).delete();
}

/** How long a head read is kept for the other views opening the same document. */
const SHARED_READ_MS = 2000;
/** A hidden page paints no frames: waiting for one must not hold the document forever. */
const PAINT_WAIT_MS = 100;

/**
 * Reads heads for documents being opened, once for everyone asking: the conversation pane
 * shows the head, and the provider pool waits for it to be painted before decoding the
 * document, which would otherwise hold the page while the head waits its turn.
 */
export class HeadReader {
	readonly #db: SwitchboardDb;
	readonly #reads = new Map<string, Promise<ConversationHead | null>>();

	constructor(db: SwitchboardDb) {
		this.#db = db;
	}

	read(docName: string): Promise<ConversationHead | null> {
		let read = this.#reads.get(docName);
		if (!read) {
			read = loadHead(this.#db, docName);
			this.#reads.set(docName, read);
			void read.then(() => setTimeout(() => this.#reads.delete(docName), SHARED_READ_MS));
		}
		return read;
	}

	/** What opening a contact document waits for: its head, if it has one, on screen. */
	beforeLoad(docName: string): Promise<unknown> | undefined {
		if (!docName.startsWith('contact/')) return undefined;
		return this.read(docName).then((head) =>
			head ? Promise.race([afterNextPaint(), new Promise((resolve) => setTimeout(resolve, PAINT_WAIT_MS))]) : undefined
		);
	}
}
