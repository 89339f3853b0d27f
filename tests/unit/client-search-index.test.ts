import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { recordInboundMessage, sendMessage } from '../../shared/actions/index.ts';
import { contactDocName } from '../../shared/doc/index.ts';
import { systemActor } from '../../shared/schemas/index.ts';
import { openDb, type SwitchboardDb } from '../../src/lib/sync/db.ts';
import { LocalStore } from '../../src/lib/sync/local-store.ts';
import { SearchIndexFeed } from '../../src/lib/sync/search-index-feed.ts';
import {
	excerpt,
	fold,
	highlightDigits,
	highlightParts,
	queryWords
} from '../../src/lib/sync/search-index-text.ts';
import { MessageSearchIndex } from '../../src/lib/sync/search-index.ts';
import { ana, docsWithContact, MINUTE, T0, testEnv, type TestDocs } from '../helpers/factories.ts';

// The local message search against fake-indexeddb, fed the way the app feeds it: contact
// documents persisted by the real LocalStore, indexed by the creating hook on their rows, or by
// the start-up scan for rows stored while no feed ran.

const WS = 'w1';
let db: SwitchboardDb;
let dbCount = 0;

beforeEach(async () => {
	db = openDb(`switchboard-search-${++dbCount}`);
	await db.open();
});

afterEach(async () => {
	db.close();
	await db.delete();
});

const noPause = () => Promise.resolve();

/** A contact `contactId` with the given inbound texts, one minute apart from `start`. */
function contactWith(contactId: string, texts: string[], start = T0): TestDocs {
	const env = testEnv(start);
	const docs = docsWithContact(env, { contactId, name: contactId });
	texts.forEach((text, i) =>
		recordInboundMessage(docs, { contactId, providerMessageId: `${contactId}-${i}`, text, at: start + i * MINUTE }, systemActor, env)
	);
	return docs;
}

async function persisted(store: LocalStore, name: string, doc: Y.Doc): Promise<void> {
	const copy = new Y.Doc();
	store.persist(name, copy);
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	await store.flush();
}

describe('search text', () => {
	it('folds case and accents without changing offsets', () => {
		expect(fold('José ÅNGSTRÖM Çava')).toBe('jose angstrom cava');
		expect(fold('İx').length).toBe('İx'.length);
	});

	it('drops query words that another query word starts with', () => {
		expect(queryWords('ref refund Refund ORDER')).toEqual(['refund', 'order']);
	});

	it('highlights word starts, or anywhere when asked, and digits across spacing', () => {
		expect(highlightParts('Refund for order 4411', ['ord'])).toEqual([
			{ text: 'Refund for ', match: false },
			{ text: 'ord', match: true },
			{ text: 'er 4411', match: false }
		]);
		expect(highlightParts('reorder', ['ord']).some((part) => part.match)).toBe(false);
		expect(highlightParts('reorder', ['ord'], true).filter((part) => part.match)).toEqual([{ text: 'ord', match: true }]);
		expect(highlightDigits('+44 7700 900123', '7700900')).toEqual([
			{ text: '+44 ', match: false },
			{ text: '7700 900', match: true },
			{ text: '123', match: false }
		]);
	});

	it('cuts a long text around its first match', () => {
		const text = `${'filler words '.repeat(20)}the tracking number is here ${'more '.repeat(20)}`;
		const cut = excerpt(text, ['tracking'], 60);
		expect(cut.startsWith('…')).toBe(true);
		expect(cut).toContain('tracking');
		expect(cut.length).toBeLessThanOrEqual(62);
	});
});

describe('MessageSearchIndex with its feed', () => {
	it('indexes stored contact documents live and finds conversations by word prefixes', async () => {
		const store = new LocalStore(db, { locks: null });
		const index = new MessageSearchIndex(db, WS);
		let notified = 0;
		const feed = new SearchIndexFeed(index, { pause: noPause });
		feed.subscribe(() => notified++);

		const first = contactWith('c1', ['Hola, mi pedido no llegó', 'Where is my refund?', 'Still waiting for the refund']);
		const second = contactWith('c2', ['Refunds take five days', 'thanks'], T0 + 10 * MINUTE);
		await persisted(store, contactDocName(WS, 'c1'), first.contact);
		await persisted(store, contactDocName(WS, 'c2'), second.contact);
		// Another workspace's document in the same database is never found from this one.
		await persisted(store, contactDocName('w2', 'c9'), contactWith('c9', ['refund elsewhere']).contact);
		await feed.idle();
		expect(notified).toBeGreaterThan(0);

		const hits = await index.search('REF');
		expect(hits.map((hit) => [hit.contactId, hit.count])).toEqual([
			['c2', 1],
			['c1', 2]
		]);
		expect(hits[1]?.latest.text).toBe('Still waiting for the refund');
		// Accents fold both ways, every word must match, and a word must start with the query.
		expect((await index.search('llego pedido')).map((hit) => hit.contactId)).toEqual(['c1']);
		expect(await index.search('refund hola thanks')).toEqual([]);
		expect(await index.search('efund')).toEqual([]);
		expect(await index.search('r')).toEqual([]);

		// A reply made here reaches the index through the stored update, with no re-read of the rest.
		const live = new Y.Doc();
		Y.applyUpdate(live, Y.encodeStateAsUpdate(second.contact));
		store.persist(contactDocName(WS, 'c2'), live);
		const docs = { index: second.index, contact: live };
		sendMessage(docs, { contactId: 'c2', messageId: 'reply1', text: 'Your parcel ships tomorrow' }, ana, testEnv(T0 + HOUR_LATER));
		await store.flush();
		await feed.idle();
		expect((await index.search('parcel')).map((hit) => [hit.contactId, hit.latest.direction])).toEqual([['c2', 'out']]);
		expect(await db.messageText.where('doc').equals(contactDocName(WS, 'c2')).count()).toBe(3);

		feed.destroy();
		await index.clear();
		expect(await index.search('refund')).toEqual([]);
	});

	it('catches up on documents stored while no feed was running, once', async () => {
		const store = new LocalStore(db, { locks: null });
		await persisted(store, contactDocName(WS, 'c1'), contactWith('c1', ['Booking reference ZX81']).contact);
		const index = new MessageSearchIndex(db, WS);
		expect(await index.search('zx81')).toEqual([]);

		const feed = new SearchIndexFeed(index, { pause: noPause });
		await feed.catchUp();
		expect((await index.search('zx81')).map((hit) => hit.contactId)).toEqual(['c1']);
		const seqs = await index.indexedSeqs();
		expect(seqs.get(contactDocName(WS, 'c1'))).toBeGreaterThan(0);

		// A second scan finds nothing stale and reads no document again.
		let read = 0;
		const counting = new SearchIndexFeed(index, {
			pause: noPause,
			openDoc: () => {
				read++;
				return undefined;
			}
		});
		feed.destroy();
		await counting.catchUp();
		expect(read).toBe(0);
		counting.destroy();
	});
});

const HOUR_LATER = 60 * MINUTE;
