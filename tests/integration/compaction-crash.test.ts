// Killing the server in the middle of a compaction must leave a database that opens, with
// every document decoding to its full content. COMPACT_TEST_PAUSE_MS holds the compaction's
// write transaction open (snapshot replaced, log rows not yet deleted) so the kill lands
// inside it.
import { afterAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Storage } from '../../server/storage/types.ts';
import { TestClient } from '../helpers/node-provider.ts';
import { TestServer } from '../helpers/test-server.ts';

let server: TestServer | undefined;

afterAll(async () => {
	await server?.dispose();
});

type Expected = Map<string, { keys: number; text: string }>;

/** Decodes every stored document straight from the database file. */
async function decodeAll(storage: Storage): Promise<Map<string, Y.Doc>> {
	const docs = new Map<string, Y.Doc>();
	for (const name of await storage.listDocuments()) {
		const { snapshot, updates } = await storage.loadDocument(name);
		const doc = new Y.Doc();
		if (snapshot) Y.applyUpdate(doc, snapshot);
		for (const update of updates) Y.applyUpdate(doc, update);
		docs.set(name, doc);
	}
	return docs;
}

function expectContent(doc: Y.Doc | undefined, expected: { keys: number; text: string }) {
	expect(doc).toBeDefined();
	expect(doc?.getMap('log').size).toBe(expected.keys);
	expect(doc?.getText('body').toString()).toBe(expected.text);
}

/** `count` map writes plus text edits with deletions (so compaction has garbage to drop). */
function write(doc: Y.Doc, from: number, count: number) {
	for (let i = from; i < from + count; i++) {
		doc.getMap('log').set(`k${i}`, i);
		doc.transact(() => {
			const text = doc.getText('body');
			text.insert(text.length, `[${i}]`);
			text.insert(0, 'tmp');
		});
		doc.getText('body').delete(0, 3);
	}
}

it('survives SIGKILL during compaction: the database opens and every document has all content', async () => {
	server = await TestServer.start({ env: { COMPACT_THRESHOLD: '40' } });
	const running = server;
	const workspaceId = (await running.me(await running.login('ana@demo.test'))).workspaces[0]?.id;
	const names = ['a', 'b', 'c'].map((id) => `contact/${workspaceId}/${id}`);
	const [a, b, c] = names as [string, string, string];
	const expected: Expected = new Map();
	const connect = async () => {
		const client = new TestClient({ url: running.syncUrl, cookie: await running.login('ana@demo.test'), origin: running.origin });
		for (const name of names) client.open(name);
		await client.synced();
		return client;
	};
	const textOf = (client: TestClient, name: string) => client.doc(name).getText('body').toString();

	// 1. A completed compaction first, so the crash hits a document that has a snapshot.
	const first = await connect();
	write(first.doc(a), 0, 30);
	write(first.doc(c), 0, 5);
	await first.acked();
	await running.waitForLine(new RegExp(`compacted ${a}: `));
	expected.set(a, { keys: 30, text: textOf(first, a) });
	expected.set(c, { keys: 5, text: textOf(first, c) });
	first.destroy();

	// 2. Restart with the pause; the unload after the client leaves starts the compaction.
	await running.restart({ COMPACT_THRESHOLD: '100000', COMPACT_TEST_PAUSE_MS: '30000' });
	const second = await connect();
	write(second.doc(a), 30, 30);
	write(second.doc(b), 0, 30);
	await second.acked();
	expected.set(a, { keys: 60, text: textOf(second, a) });
	expected.set(b, { keys: 30, text: textOf(second, b) });
	const mark = running.output.length;
	second.destroy();
	await running.waitForLine(/write transaction open/, { fromLine: mark });
	await running.kill('SIGKILL');

	// 3. What is on disk, read without the server: opens, decodes, complete.
	const onDisk = await running.withSqlite(decodeAll);
	for (const name of names) expectContent(onDisk.get(name), expected.get(name) ?? { keys: -1, text: '' });

	// 4. The restarted server serves the same, and its compactions complete.
	await running.restart({ COMPACT_THRESHOLD: '40' });
	const third = await connect();
	for (const name of names) {
		const want = expected.get(name);
		expect(third.doc(name).getMap('log').size).toBe(want?.keys);
		expect(textOf(third, name)).toBe(want?.text);
	}
	third.destroy();
	await running.stop();
	const compacted = await running.withSqlite(async (storage) => ({
		docs: await decodeAll(storage),
		pending: await Promise.all(names.map((name) => storage.pendingUpdateCount(name)))
	}));
	for (const name of names) expectContent(compacted.docs.get(name), expected.get(name) ?? { keys: -1, text: '' });
	// Graceful stop compacts what the unloads left: the logs are folded away.
	expect(compacted.pending).toEqual([0, 0, 0]);
});
