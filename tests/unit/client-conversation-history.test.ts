import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	assignContact,
	markDone,
	recordInboundMessage,
	sendMessage,
	setDeliveryStatus,
	snoozeContact,
	updateProfileField
} from '../../shared/actions/index.ts';
import { contactMaps, readEvents, readMessages } from '../../shared/doc/index.ts';
import { systemActor } from '../../shared/schemas/index.ts';
import {
	compareRefs,
	HistoryIndex,
	placeOf,
	type HistoryChange,
	type HistoryKind,
	type HistoryRef
} from '../../src/lib/stores/conversation-history.ts';
import { HistoryItems } from '../../src/lib/stores/conversation-items.ts';
import { HistoryWindow, MAX_WINDOW, PAGE } from '../../src/lib/stores/conversation-window.ts';
import { ana, collectInvalidRecords, docsWithContact, MINUTE, syncDocs, T0, testDoc, testEnv, type TestDocs } from '../helpers/factories.ts';
import { SeededRandom } from '../helpers/seeded-random.ts';

// The history merge: messages and events of a contact document in one time order, kept up to
// date from changed keys (never a full re-read per change), parsed only when shown, and the
// window over it that opens at the latest records and grows as the agent scrolls up.

let invalid = collectInvalidRecords();
afterEach(() => {
	invalid.stop();
	invalid = collectInvalidRecords();
});

/** Every record of the document as a change, as the store's first read does. */
function allChanges(doc: Y.Doc): HistoryChange[] {
	const maps = contactMaps(doc);
	return [
		...[...maps.messages.entries()].map(([id, raw]) => ({ kind: 'message' as const, id, raw })),
		...[...maps.events.entries()].map(([id, raw]) => ({ kind: 'event' as const, id, raw }))
	];
}

/** The history the shared readers give, merged and sorted from scratch: the reference. */
function expectedOrder(doc: Y.Doc): string[] {
	const refs: HistoryRef[] = [
		...readMessages(doc).map((m) => ({ kind: 'message' as const, id: m.id, at: m.at })),
		...readEvents(doc)
			.filter((e) => e.type !== 'profile_updated')
			.map((e) => ({ kind: 'event' as const, id: e.id, at: e.at }))
	];
	return refs.sort(compareRefs).map((ref) => `${ref.kind}:${ref.id}`);
}

const orderOf = (index: HistoryIndex) => index.slice(0, index.length).map((ref) => `${ref.kind}:${ref.id}`);

/** Watches a contact document the way ConversationStore does and applies changed keys. */
function follow(doc: Y.Doc): { index: HistoryIndex; items: HistoryItems; flush: () => void } {
	const maps = contactMaps(doc);
	const index = new HistoryIndex();
	const items = new HistoryItems(maps.messages, maps.events, maps.delivery);
	index.apply(allChanges(doc));
	const pending = new Map<string, { kind: HistoryKind; id: string }>();
	const watch = (kind: HistoryKind, map: Y.Map<unknown>) =>
		map.observe((event) => {
			for (const id of event.keysChanged) pending.set(`${kind}:${id}`, { kind, id });
		});
	watch('message', maps.messages);
	watch('event', maps.events);
	maps.delivery.observe((event) => {
		for (const key of event.keysChanged) items.deliveryChanged(key);
	});
	const flush = () => {
		const changes = [...pending.values()].map(({ kind, id }) => {
			items.forget(kind, id);
			return { kind, id, raw: (kind === 'message' ? maps.messages : maps.events).get(id) };
		});
		pending.clear();
		index.apply(changes);
	};
	return { index, items, flush };
}

describe('HistoryIndex', () => {
	it('matches a full sort after any sequence of inserts, moves and deletes, small or large', () => {
		for (const seed of [1, 2, 3, 4, 5]) {
			const random = new SeededRandom(seed);
			const index = new HistoryIndex();
			const truth = new Map<string, HistoryRef>();
			for (let round = 0; round < 60; round++) {
				// Mostly small batches (binary-search path), now and then a big one (rebuild path).
				const size = random.bool(0.1) ? random.range(100, 400) : random.range(1, 6);
				const changes: HistoryChange[] = [];
				for (let i = 0; i < size; i++) {
					const kind: HistoryKind = random.bool() ? 'message' : 'event';
					const id = `r${random.int(300)}`;
					// Equal times are common (one action writes several records in the same ms).
					const at = T0 + random.int(50) * MINUTE;
					const raw = random.bool(0.2) ? undefined : random.bool(0.05) ? { at: 'bad' } : { at, id };
					changes.push({ kind, id, raw });
					const ref = raw && typeof raw.at === 'number' ? { kind, id, at: raw.at } : null;
					if (ref) truth.set(`${kind}:${id}`, ref);
					else truth.delete(`${kind}:${id}`);
				}
				index.apply(changes);
				const expected = [...truth.values()].sort(compareRefs).map((ref) => `${ref.kind}:${ref.id}`);
				expect(orderOf(index), `seed ${seed}, round ${round}`).toEqual(expected);
			}
		}
	});

	it('says whether anything moved, and finds a record by kind and id', () => {
		const index = new HistoryIndex();
		expect(index.apply([{ kind: 'message', id: 'a', raw: { at: 2 } }])).toBe(true);
		expect(index.apply([{ kind: 'message', id: 'a', raw: { at: 2, text: 'edited' } }])).toBe(false);
		index.apply([{ kind: 'event', id: 'a', raw: { at: 1 } }]);
		expect(index.indexOf('event', 'a')).toBe(0);
		expect(index.indexOf('message', 'a')).toBe(1);
		expect(index.indexOf('message', 'missing')).toBe(-1);
	});

	it('leaves profile edits to the Activity tab', () => {
		expect(placeOf('event', { at: 5, type: 'profile_updated' })).toBeNull();
		expect(placeOf('event', { at: 5, type: 'marked_done' })).toBe(5);
		expect(placeOf('message', null)).toBeNull();
	});
});

describe('the merged history of a contact document', () => {
	function story(): { docs: TestDocs; env: ReturnType<typeof testEnv> } {
		const env = testEnv();
		const docs = docsWithContact(env);
		env.advance(MINUTE);
		recordInboundMessage(docs, { contactId: 'c1', providerMessageId: 'p1', text: 'Hello?', at: env.now() }, systemActor, env);
		env.advance(MINUTE);
		assignContact(docs, { contactId: 'c1', assignee: 'ana' }, ana, env);
		updateProfileField(docs, { contactId: 'c1', field: 'email', value: 'maria@example.com' }, ana, env);
		env.advance(MINUTE);
		sendMessage(docs, { contactId: 'c1', messageId: 'm-out', text: 'Hi Maria' }, ana, env);
		env.advance(MINUTE);
		markDone(docs, { contactId: 'c1' }, ana, env);
		return { docs, env };
	}

	it('puts messages and events in time order, without profile edits', () => {
		const { docs } = story();
		const { index, items } = follow(docs.contact);
		const shown = index.slice(0, index.length).map((ref) => items.get(ref));
		expect(shown.map((item) => (item?.kind === 'message' ? item.message.text : item?.event.type))).toEqual([
			'contact_created',
			'Hello?',
			'assigned',
			'Hi Maria',
			'marked_done'
		]);
		expect(orderOf(index)).toEqual(expectedOrder(docs.contact));
	});

	it('follows new records and delivery reports by their keys', () => {
		const { docs, env } = story();
		const { index, items, flush } = follow(docs.contact);
		const outgoing = () => items.get(index.at(index.indexOf('message', 'm-out')) as HistoryRef);
		const before = outgoing();
		expect(before?.kind === 'message' && before.delivery?.state).toBe('queued');
		// The same object until something about it changes: a keyed list re-renders nothing.
		expect(outgoing()).toBe(before);

		setDeliveryStatus(docs, { contactId: 'c1', messageId: 'm-out', attempt: 1, state: 'sent' }, systemActor, env);
		env.advance(MINUTE);
		snoozeContact(docs, { contactId: 'c1', until: env.now() + 60 * MINUTE }, ana, env);
		recordInboundMessage(docs, { contactId: 'c1', providerMessageId: 'p2', text: 'Thanks', at: env.now() }, systemActor, env);
		flush();
		const after = outgoing();
		expect(after).not.toBe(before);
		expect(after?.kind === 'message' && after.delivery?.state).toBe('sent');
		expect(orderOf(index)).toEqual(expectedOrder(docs.contact));
		expect(orderOf(index)).toContain(`message:${readMessages(docs.contact).find((m) => m.text === 'Thanks')?.id}`);
	});

	it('merges two replicas that wrote offline into the same order on both', () => {
		const env = testEnv();
		const a = docsWithContact(env);
		const b: TestDocs = { workspace: testDoc(), index: testDoc(), contact: testDoc(), agent: testDoc() };
		syncDocs(a.index, b.index);
		syncDocs(a.contact, b.contact);
		const viewA = follow(a.contact);
		const viewB = follow(b.contact);
		// A's reply is written at 10:00 offline; B records the contact's message of 10:05 meanwhile.
		env.set(T0 + 10 * MINUTE);
		sendMessage(a, { contactId: 'c1', messageId: 'offline-reply', text: 'queued offline' }, ana, env);
		recordInboundMessage(b, { contactId: 'c1', providerMessageId: 'p9', text: 'later', at: T0 + 15 * MINUTE }, systemActor, env);
		env.set(T0 + 5 * MINUTE);
		markDone(b, { contactId: 'c1' }, ana, env);
		syncDocs(a.contact, b.contact);
		viewA.flush();
		viewB.flush();
		expect(orderOf(viewA.index)).toEqual(orderOf(viewB.index));
		expect(orderOf(viewA.index)).toEqual(expectedOrder(a.contact));
		expect(orderOf(viewA.index).map((key) => key.split(':')[0])).toEqual(['event', 'event', 'message', 'message']);
	});

	it('skips an invalid record when it is shown, and reports it', () => {
		const { docs } = story();
		contactMaps(docs.contact).messages.set('broken', { id: 'broken', at: T0 + 30 * MINUTE, text: 42 });
		const { index, items } = follow(docs.contact);
		const last = index.at(index.length - 1) as HistoryRef;
		expect(last.id).toBe('broken');
		expect(items.get(last)).toBeNull();
		expect(invalid.records.map((record) => record.key)).toEqual(['broken']);
	});
});

describe('HistoryWindow', () => {
	it('opens on the latest page and grows upwards, never past its maximum', () => {
		const total = 10_000;
		const window = new HistoryWindow();
		window.fit(total);
		expect([window.start, window.end]).toEqual([total - PAGE, total]);
		let steps = 0;
		while (window.older(total)) steps++;
		expect(steps).toBe(Math.ceil((total - PAGE) / PAGE));
		expect(window.start).toBe(0);
		expect(window.end - window.start).toBe(MAX_WINDOW);
		expect(window.following).toBe(false);
		// New records while scrolled up do not move the window.
		window.fit(total + 5);
		expect([window.start, window.end]).toEqual([0, MAX_WINDOW]);
		while (window.newer(total + 5)) expect(window.end - window.start).toBeLessThanOrEqual(MAX_WINDOW);
		expect(window.end).toBe(total + 5);
		expect(window.following).toBe(true);
	});

	it('follows new records at the bottom and drops the oldest beyond the maximum', () => {
		const window = new HistoryWindow(10, 30);
		window.fit(0);
		window.fit(4);
		expect([window.start, window.end]).toEqual([0, 4]);
		window.fit(40);
		expect([window.start, window.end]).toEqual([10, 40]);
		window.latest(100);
		expect([window.start, window.end]).toEqual([90, 100]);
		window.fit(50); // records removed (a replica's state replaced): the window shrinks with them
		expect(window.end).toBe(50);
		expect(window.start).toBeLessThanOrEqual(window.end);
	});
});
