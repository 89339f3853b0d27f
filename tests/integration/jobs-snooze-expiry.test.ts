// The server's snooze-expiry job against the real server process: a contact snoozed by an
// agent who then closes the app comes back by itself, with an `unsnoozed` event by the system
// actor; a contact woken or re-snoozed by an agent meanwhile is left alone; a snooze set
// before a crash still ends after the restart, with no client connected at all.
// Every wait is a condition: later wake-ups are the witnesses that earlier ones were handled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createContact, snoozeContact, unsnoozeContact } from '../../shared/actions/index.ts';
import { contactDocName, indexDocName, readContactSummary, readEvents, shardOf } from '../../shared/doc/index.ts';
import { userActor, type ConversationEvent } from '../../shared/schemas/index.ts';
import { TestClient } from '../helpers/node-provider.ts';
import { TestServer, waitUntil } from '../helpers/test-server.ts';
import { ExpirySchedule } from '../../server/jobs/expiry-schedule.ts';

let server: TestServer;
let workspaceId: string;
let anaId: string;
let anaCookie: string;
let benCookie: string;
const clients: TestClient[] = [];

beforeAll(async () => {
	server = await TestServer.start();
	anaCookie = await server.login('ana@demo.test');
	benCookie = await server.login('ben@demo.test');
	const me = await server.me(anaCookie);
	anaId = me.user.id;
	workspaceId = me.workspaces[0]?.id ?? '';
});

afterAll(async () => {
	for (const client of clients) client.destroy();
	await server?.dispose();
});

const namesOf = (contactId: string) => ({
	index: indexDocName(workspaceId, shardOf(contactId)),
	contact: contactDocName(workspaceId, contactId)
});

/** An agent's app with these contacts' documents open and synced. */
async function agent(cookie: string, contactIds: string[]): Promise<TestClient> {
	const client = new TestClient({ url: server.syncUrl, cookie, origin: server.origin });
	clients.push(client);
	for (const id of contactIds) {
		const names = namesOf(id);
		client.open(names.index);
		client.open(names.contact);
	}
	await client.synced();
	return client;
}

const docsOf = (client: TestClient, contactId: string) => {
	const names = namesOf(contactId);
	return { index: client.doc(names.index), contact: client.doc(names.contact) };
};

const unsnoozes = (events: ConversationEvent[]) => events.filter((event) => event.type === 'unsnoozed');

/** Waits until the system's `unsnoozed` event for the contact is in `doc`. */
function systemWakeUp(doc: () => Y.Doc, contactId: string): Promise<ConversationEvent> {
	return waitUntil(() => unsnoozes(readEvents(doc())).find((event) => event.actor.kind === 'system'), {
		timeoutMs: 20_000,
		what: `the system's unsnoozed event for ${contactId}`
	});
}

describe('snooze expiry job', () => {
	it('wakes a snoozed contact with a system event while the snoozing agent is gone', async () => {
		const contactId = 'snooze-expiry-basic';
		const ana = await agent(anaCookie, [contactId]);
		const anaDocs = docsOf(ana, contactId);
		createContact(anaDocs, { contactId, channel: 'sms', name: 'Sleepy Sam' }, userActor(anaId));
		const until = Date.now() + 2000;
		snoozeContact(anaDocs, { contactId, until }, userActor(anaId));
		await ana.acked();
		clients.splice(clients.indexOf(ana), 1);
		ana.destroy(); // Ana closes her browser.

		const ben = await agent(benCookie, [contactId]);
		const benDocs = () => docsOf(ben, contactId);
		expect(readContactSummary(benDocs().index, contactId)?.snoozedUntil).toBe(until);

		const event = await systemWakeUp(() => benDocs().contact, contactId);
		expect(event.actor).toEqual({ kind: 'system', id: 'system' });
		expect(event.at).toBeGreaterThanOrEqual(until);
		// "Within a few seconds of the due time": the timer is armed for the exact time.
		expect(event.at - until).toBeLessThan(5000);
		await waitUntil(() => readContactSummary(benDocs().index, contactId)?.snoozedUntil === null, {
			what: 'snoozedUntil cleared'
		});
		expect(unsnoozes(readEvents(benDocs().contact))).toHaveLength(1);
	});

	it('leaves contacts alone that an agent woke or snoozed again meanwhile', async () => {
		const [again, early, witness] = ['snooze-expiry-again', 'snooze-expiry-early', 'snooze-expiry-witness'];
		const ana = await agent(anaCookie, [again, early, witness]);
		const actor = userActor(anaId);
		const start = Date.now();
		for (const contactId of [again, early, witness]) {
			createContact(docsOf(ana, contactId), { contactId, channel: 'telegram', name: contactId }, actor);
		}
		snoozeContact(docsOf(ana, again), { contactId: again, until: start + 1500 }, actor);
		snoozeContact(docsOf(ana, early), { contactId: early, until: start + 1500 }, actor);
		snoozeContact(docsOf(ana, witness), { contactId: witness, until: start + 2500 }, actor);
		await ana.acked();
		// Before the first two are due: one is snoozed for longer, the other woken by hand.
		const later = start + 10 * 60_000;
		snoozeContact(docsOf(ana, again), { contactId: again, until: later }, actor);
		unsnoozeContact(docsOf(ana, early), { contactId: early }, actor);
		await ana.acked();
		expect(Date.now()).toBeLessThan(start + 1500); // the changes reached the server in time

		// The witness was due after both: once it is woken, their due times have been handled.
		await systemWakeUp(() => docsOf(ana, witness).contact, witness);
		expect(readContactSummary(docsOf(ana, again).index, again)?.snoozedUntil).toBe(later);
		expect(unsnoozes(readEvents(docsOf(ana, again).contact))).toHaveLength(0);
		const earlyWakeUps = unsnoozes(readEvents(docsOf(ana, early).contact));
		expect(earlyWakeUps.map((event) => event.actor)).toEqual([actor]);
	});

	it('still wakes a contact snoozed before a crash, with no client connected', async () => {
		const contactId = 'snooze-expiry-restart';
		const ana = await agent(anaCookie, [contactId]);
		const docs = docsOf(ana, contactId);
		createContact(docs, { contactId, channel: 'email', name: 'Restart Rita' }, userActor(anaId));
		const until = Date.now() + 2500;
		snoozeContact(docs, { contactId, until }, userActor(anaId));
		await ana.acked();
		// Every app closes, so nothing loads the shard after the restart: only the scan can find it.
		for (const client of clients.splice(0)) client.destroy();
		await server.kill(); // SIGKILL: only the update log on disk survives.
		await server.restart();

		// Read the stored contact document from the test process: no client loads anything.
		const stored = await waitUntil(
			() =>
				server.withSqlite(async (storage) => {
					const doc = new Y.Doc();
					const { snapshot, updates } = await storage.loadDocument(namesOf(contactId).contact);
					if (snapshot) Y.applyUpdate(doc, snapshot);
					for (const update of updates) Y.applyUpdate(doc, update);
					return unsnoozes(readEvents(doc)).find((event) => event.actor.kind === 'system');
				}),
			{ timeoutMs: 30_000, intervalMs: 200, what: 'the stored unsnoozed event after the restart' }
		);
		expect(stored.at).toBeGreaterThanOrEqual(until);
	});
});

describe('expiry schedule', () => {
	it('hands out due keys earliest first, honouring replaced and deleted times', () => {
		const schedule = new ExpirySchedule();
		schedule.set('a', 30);
		schedule.set('b', 10);
		schedule.set('c', 20);
		schedule.set('a', 5); // re-snoozed earlier
		schedule.set('c', 99); // re-snoozed later
		schedule.delete('b'); // woken by hand
		schedule.setEarliest('d', 25);
		schedule.setEarliest('d', 40); // an older read does not postpone it
		expect(schedule.next()).toBe(5);
		expect(schedule.takeDue(30)).toEqual(['a', 'd']);
		expect(schedule.takeDue(98)).toEqual([]);
		expect(schedule.next()).toBe(99);
		expect(schedule.takeDue(100)).toEqual(['c']);
		expect(schedule.size).toBe(0);
	});

	it('stays correct when one key is rescheduled many times', () => {
		const schedule = new ExpirySchedule();
		for (let i = 1000; i > 0; i--) schedule.set('x', i);
		schedule.set('y', 500);
		expect(schedule.takeDue(1)).toEqual(['x']);
		expect(schedule.takeDue(1000)).toEqual(['y']);
		expect(schedule.next()).toBeNull();
	});
});
