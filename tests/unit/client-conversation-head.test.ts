import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComment, recordInboundMessage, sendMessage, snoozeContact } from '../../shared/actions/index.ts';
import { contactDocName, contactMaps } from '../../shared/doc/index.ts';
import { systemActor } from '../../shared/schemas/index.ts';
import { clearHeads, HEAD_MIN_RECORDS, latestHead, loadHead, saveHead } from '../../src/lib/stores/conversation-head.ts';
import { HistoryIndex, type HistoryChange } from '../../src/lib/stores/conversation-history.ts';
import { HistoryItems } from '../../src/lib/stores/conversation-items.ts';
import { PAGE } from '../../src/lib/stores/conversation-window.ts';
import { openDb, type SwitchboardDb } from '../../src/lib/sync/db.ts';
import { LocalStore } from '../../src/lib/sync/local-store.ts';
import { SearchIndexFeed } from '../../src/lib/sync/search-index-feed.ts';
import { MessageSearchIndex } from '../../src/lib/sync/search-index.ts';
import { ana, docsWithContact, MINUTE, T0, testEnv, type TestDocs } from '../helpers/factories.ts';

// A long conversation's latest page, kept beside its document so opening it paints at once.

const WS = 'w1';
let db: SwitchboardDb;
let dbCount = 0;

beforeEach(async () => {
	db = openDb(`switchboard-head-${++dbCount}`);
	await db.open();
});

afterEach(async () => {
	db.close();
	await db.delete();
});

/** A contact with `count` messages a minute apart, every tenth one sent by Ana, and a snooze late on. */
function conversation(contactId: string, count: number): TestDocs {
	const env = testEnv(T0);
	const docs = docsWithContact(env, { contactId, name: contactId });
	for (let i = 1; i <= count; i++) {
		const at = T0 + i * MINUTE;
		env.now = () => at;
		if (i % 10 === 0) sendMessage(docs, { contactId, messageId: `out-${i}`, text: `reply ${i}` }, ana, env);
		else recordInboundMessage(docs, { contactId, providerMessageId: `in-${i}`, text: `message ${i}`, at }, systemActor, env);
		if (i === count - 3) snoozeContact(docs, { contactId, until: at + 60 * MINUTE }, ana, env);
	}
	// Comments are for the Activity tab, never the history.
	addComment(docs, { contactId, commentId: 'c1', text: 'internal note' }, ana, env);
	return docs;
}

describe('conversation heads', () => {
	it('keeps the latest page of a long history in time order, with events and delivery', () => {
		const docs = conversation('long', HEAD_MIN_RECORDS + 100);
		const head = latestHead(docs.contact);
		expect(head).not.toBeNull();
		expect(head?.items).toHaveLength(PAGE);
		// Every message and event of the history is counted (the contact's creation and the snooze too).
		expect(head?.total).toBeGreaterThan(HEAD_MIN_RECORDS + 100);
		const items = head?.items ?? [];
		expect(items.map((item) => item.at)).toEqual(items.map((item) => item.at).sort((a, b) => a - b));
		const last = items.at(-1);
		expect(last?.kind === 'message' && last.message.text).toBe(`reply ${HEAD_MIN_RECORDS + 100}`);
		expect(last?.kind === 'message' && last.delivery?.state).toBe('queued');
		expect(items.some((item) => item.kind === 'event' && item.event.type === 'snoozed')).toBe(true);
	});

	it('is the page the conversation store would show, whatever order the records came in', () => {
		const env = testEnv(T0);
		const docs = docsWithContact(env, { contactId: 'mixed', name: 'mixed' });
		// Messages arrive out of time order (late webhooks), some at the same millisecond.
		for (let i = 0; i < HEAD_MIN_RECORDS + 50; i++) {
			const at = T0 + ((i * 7919) % 997) * MINUTE + (i % 3 === 0 ? 0 : i);
			if (i % 9 === 0) {
				env.now = () => at;
				sendMessage(docs, { contactId: 'mixed', messageId: `o${i}`, text: `out ${i}` }, ana, env);
			} else recordInboundMessage(docs, { contactId: 'mixed', providerMessageId: `p${i}`, text: `in ${i}`, at }, systemActor, env);
		}
		const maps = contactMaps(docs.contact);
		const records: HistoryChange[] = [];
		for (const [id, raw] of maps.messages.entries()) records.push({ kind: 'message', id, raw });
		for (const [id, raw] of maps.events.entries()) records.push({ kind: 'event', id, raw });
		const index = new HistoryIndex();
		index.apply(records);
		const reader = new HistoryItems(maps.messages, maps.events, maps.delivery);
		const expected = index.slice(index.length - PAGE, index.length).map((ref) => reader.get(ref));
		const head = latestHead(docs.contact);
		expect(head?.total).toBe(index.length);
		expect(head?.items).toEqual(expected);
		expect(head?.items.some((item) => item.kind === 'message' && item.delivery !== null)).toBe(true);
	});

	it('has none for a short history', () => {
		expect(latestHead(conversation('short', 20).contact)).toBeNull();
	});

	it('is stored and read back, a damaged one is ignored, and log-out forgets them all', async () => {
		const docs = conversation('long', HEAD_MIN_RECORDS + 5);
		const name = contactDocName(WS, 'long');
		await saveHead(db, name, docs.contact);
		const loaded = await loadHead(db, name);
		expect(loaded).toEqual(JSON.parse(JSON.stringify(latestHead(docs.contact))));

		await db.meta.put({ key: `head:${contactDocName(WS, 'broken')}`, value: { v: 1, items: [{ nope: true }], total: 3 } });
		expect(await loadHead(db, contactDocName(WS, 'broken'))).toBeNull();
		expect(await loadHead(db, contactDocName(WS, 'never'))).toBeNull();

		await saveHead(db, contactDocName(WS, 'short'), conversation('short', 10).contact);
		expect(await loadHead(db, contactDocName(WS, 'short'))).toBeNull();

		await db.meta.put({ key: 'identity', value: 'kept' });
		await clearHeads(db);
		expect(await loadHead(db, name)).toBeNull();
		expect((await db.meta.get('identity'))?.value).toBe('kept');
	});

	it('is written by the search feed whenever a long conversation is stored', async () => {
		const store = new LocalStore(db);
		const index = new MessageSearchIndex(db, WS);
		const feed = new SearchIndexFeed(index, { pause: () => Promise.resolve(), onRead: (name, doc) => saveHead(db, name, doc) });
		const name = contactDocName(WS, 'long');
		const docs = conversation('long', HEAD_MIN_RECORDS + 1);
		const stored = new Y.Doc();
		store.persist(name, stored);
		Y.applyUpdate(stored, Y.encodeStateAsUpdate(docs.contact));
		await store.flush();
		await feed.idle();
		expect((await loadHead(db, name))?.items.at(-1)?.at).toBe(T0 + (HEAD_MIN_RECORDS + 1) * MINUTE);

		// A new message moves the head on.
		const env = testEnv(T0 + 10_000 * MINUTE);
		const before = Y.encodeStateVector(docs.contact);
		recordInboundMessage(docs, { contactId: 'long', providerMessageId: 'late', text: 'late one', at: T0 + 10_000 * MINUTE }, systemActor, env);
		Y.applyUpdate(stored, Y.encodeStateAsUpdate(docs.contact, before));
		await store.flush();
		await feed.idle();
		const head = await loadHead(db, name);
		const newest = head?.items.at(-1);
		expect(newest?.kind === 'message' && newest.message.text).toBe('late one');
		feed.destroy();
	});
});
