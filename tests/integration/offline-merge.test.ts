// Two agents act on the same contact while offline (assign to different people, tag,
// comment, mark done), through the shared actions, then reconnect through the real server:
// both replicas converge, and every one of both agents' events and comments is there.
import { afterAll, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addComment, addTag, assignContact, createContact, markDone } from '../../shared/actions/index.ts';
import {
	contactDocName,
	indexDocName,
	readComments,
	readContactSummary,
	readEvents,
	shardOf,
	workspaceDocName
} from '../../shared/doc/index.ts';
import { userActor } from '../../shared/schemas/index.ts';
import { TestClient } from '../helpers/node-provider.ts';
import { TestServer, waitUntil } from '../helpers/test-server.ts';

let server: TestServer | undefined;

afterAll(async () => {
	await server?.dispose();
});

type Docs = { workspace: Y.Doc; index: Y.Doc; contact: Y.Doc };

it('merges two agents’ offline changes to one contact, keeping both sides’ events', async () => {
	server = await TestServer.start();
	const running = server;
	const anaCookie = await running.login('ana@demo.test');
	const benCookie = await running.login('ben@demo.test');
	const ana = await running.me(anaCookie);
	const ben = await running.me(benCookie);
	const workspaceId = ana.workspaces[0]?.id ?? '';
	const contactId = 'offline-merge-contact';
	const names = {
		workspace: workspaceDocName(workspaceId),
		index: indexDocName(workspaceId, shardOf(contactId)),
		contact: contactDocName(workspaceId, contactId)
	};

	const connect = async (cookie: string, docs?: Docs) => {
		const client = new TestClient({ url: running.syncUrl, cookie, origin: running.origin });
		for (const key of ['workspace', 'index', 'contact'] as const) client.open(names[key], docs?.[key]);
		await client.synced();
		return client;
	};
	const docsOf = (client: TestClient): Docs => ({
		workspace: client.doc(names.workspace),
		index: client.doc(names.index),
		contact: client.doc(names.contact)
	});

	// Online: ana creates the contact, ben receives it.
	const anaOnline = await connect(anaCookie);
	createContact(docsOf(anaOnline), { contactId, channel: 'whatsapp', name: 'Offline Olga' }, userActor(ana.user.id));
	await anaOnline.acked();
	const benOnline = await connect(benCookie);
	expect(readContactSummary(docsOf(benOnline).index, contactId)?.name).toBe('Offline Olga');

	// Offline: the sockets go away, the documents (the browser's IndexedDB copy) stay.
	const anaDocs = docsOf(anaOnline);
	const benDocs = docsOf(benOnline);
	anaOnline.destroy();
	benOnline.destroy();

	const anaActor = userActor(ana.user.id);
	const benActor = userActor(ben.user.id);
	assignContact(anaDocs, { contactId, assignee: ana.user.id }, anaActor);
	assignContact(benDocs, { contactId, assignee: ben.user.id }, benActor);
	addTag(anaDocs, { contactId, label: 'VIP' }, anaActor);
	addTag(benDocs, { contactId, label: 'Urgent' }, benActor);
	addComment(anaDocs, { contactId, text: 'Ana was here' }, anaActor);
	addComment(benDocs, { contactId, text: 'Ben was here' }, benActor);
	markDone(anaDocs, { contactId }, anaActor);
	markDone(benDocs, { contactId }, benActor);

	// Reconnect both with their offline documents.
	const anaBack = await connect(anaCookie, anaDocs);
	const benBack = await connect(benCookie, benDocs);
	await Promise.all([anaBack.acked(), benBack.acked()]);

	const snapshot = (docs: Docs) => {
		const row = readContactSummary(docs.index, contactId);
		const events = readEvents(docs.contact);
		return {
			assignee: row?.assignee,
			status: row?.status,
			tags: [...(row?.tags ?? [])].sort(),
			events: events.map((event) => `${event.type}:${event.actor.id}`).sort(),
			comments: readComments(docs.contact)
				.map((comment) => comment.text)
				.sort()
		};
	};
	const merged = await waitUntil(
		() => {
			const [a, b] = [snapshot(anaDocs), snapshot(benDocs)];
			return JSON.stringify(a) === JSON.stringify(b) && a.comments.length === 2 && a;
		},
		{ what: 'both replicas to converge' }
	);

	expect([ana.user.id, ben.user.id]).toContain(merged.assignee);
	expect(merged.status).toBe('done');
	expect(merged.tags).toHaveLength(2);
	expect(merged.comments).toEqual(['Ana was here', 'Ben was here']);
	for (const who of [ana.user.id, ben.user.id]) {
		for (const type of ['assigned', 'tag_added', 'marked_done']) expect(merged.events).toContain(`${type}:${who}`);
	}
	anaBack.destroy();
	benBack.destroy();

	// The server holds the merged state on its own: a third agent sees the same.
	const cara = await connect(await running.login('cara@demo.test'));
	expect(snapshot(docsOf(cara))).toEqual(merged);
	cara.destroy();
});
