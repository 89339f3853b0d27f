// The sync stack in the test process, for what needs a hand on its internals: server-side
// writes through withDirectConnection, and a storage whose writes fail.
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hashPassword } from '../../server/auth/password.ts';
import { loadConfig } from '../../server/config.ts';
import { createRequestHandler } from '../../server/http/app.ts';
import type { Logger } from '../../server/log.ts';
import { openSqliteStorage } from '../../server/storage/sqlite.ts';
import type { Storage } from '../../server/storage/types.ts';
import { createSync, withDirectConnection, withDirectConnections, type Sync } from '../../server/sync/index.ts';
import { createContact } from '../../shared/actions/index.ts';
import { contactDocName, indexDocName, readContactSummary, shardOf } from '../../shared/doc/index.ts';
import { systemActor } from '../../shared/schemas/index.ts';
import { TestClient } from '../helpers/node-provider.ts';
import { waitUntil } from '../helpers/test-server.ts';

const lines: string[] = [];
function capturingLogger(scope = 'test'): Logger {
	const write = (message: string, error?: unknown) => lines.push(`[${scope}] ${message}${error ? ` ${String(error)}` : ''}`);
	return { info: write, warn: write, error: write, child: (child) => capturingLogger(`${scope}:${child}`) };
}

let dataDir: string;
let storage: Storage;
let sync: Sync;
let server: http.Server;
let url: string;
let cookie: string;
/** Flip to make every append throw, as a full disk would. */
let failing = false;
const clients: TestClient[] = [];

beforeAll(async () => {
	dataDir = await mkdtemp(path.join(tmpdir(), 'switchboard-inprocess-'));
	const log = capturingLogger();
	const real = openSqliteStorage({ dataDir, log });
	storage = {
		...real,
		appendUpdate(name, update) {
			if (failing) throw new Error('SQLITE_FULL (simulated)');
			return real.appendUpdate(name, update);
		}
	};
	const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', COMPACT_IDLE_MS: '600000' });
	sync = createSync(config, storage, log);
	server = http.createServer(
		createRequestHandler({ storage, staticDir: dataDir, appOrigin: undefined, closeSession: sync.closeSession, log })
	);
	server.on('upgrade', sync.handleUpgrade);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	const workspace = await storage.createWorkspace({ id: 'w', name: 'W' });
	const user = await storage.createUser({ email: 'eve@test.test', name: 'Eve', passwordHash: await hashPassword('pw') });
	await storage.addMembership(workspace.id, user.id, 'owner');
	const response = await fetch(`${url}/api/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email: 'eve@test.test', password: 'pw' })
	});
	cookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
});

afterEach(() => {
	failing = false;
	for (const client of clients.splice(0)) client.destroy();
});

afterAll(async () => {
	await sync?.close();
	server?.close();
	await storage?.close();
	if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function client(): TestClient {
	const created = new TestClient({ url: `${url.replace('http', 'ws')}/sync`, cookie, origin: url });
	clients.push(created);
	return created;
}

async function decodeStored(name: string): Promise<Y.Doc> {
	const { snapshot, updates } = await storage.loadDocument(name);
	const doc = new Y.Doc();
	if (snapshot) Y.applyUpdate(doc, snapshot);
	for (const update of updates) Y.applyUpdate(doc, update);
	return doc;
}

it('writes through withDirectConnection: one stored update, seen live, document unloaded after', async () => {
	const name = 'contact/w/direct';
	const eve = client();
	eve.open(name);
	await eve.synced();

	const result = await withDirectConnection(
		sync.hocuspocus,
		name,
		(doc) => {
			doc.getMap('m').set('a', 1);
			doc.getMap('m').set('b', 2);
			return 'done';
		},
		'test'
	);
	expect(result).toBe('done');
	expect(await storage.pendingUpdateCount(name)).toBe(1);
	expect((await decodeStored(name)).getMap('m').toJSON()).toEqual({ a: 1, b: 2 });
	await waitUntil(() => eve.doc(name).getMap('m').get('b') === 2, { what: 'the direct write at the client' });

	eve.destroy();
	await waitUntil(() => !sync.hocuspocus.documents.has(name), { what: 'the document to unload' });
	// Unloaded with no client: the direct connection did not leak it either.
	await withDirectConnection(sync.hocuspocus, name, (doc) => doc.getMap('m').set('c', 3));
	await waitUntil(() => !sync.hocuspocus.documents.has(name), { what: 'the document to unload again' });
	await expect(withDirectConnection(sync.hocuspocus, 'not/a/name', () => 0)).rejects.toThrow(/not a document name/);
});

it('runs a shared action over several documents as one update per document', async () => {
	const contactId = 'from-server';
	const names = { index: indexDocName('w', shardOf(contactId)), contact: contactDocName('w', contactId) };
	const eve = client();
	eve.open(names.index);
	await eve.synced();
	const indexRows = await storage.pendingUpdateCount(names.index);

	await withDirectConnections(
		sync.hocuspocus,
		names,
		(docs) => createContact(docs, { contactId, channel: 'email', name: 'Server Sam' }, systemActor),
		'channel'
	);
	expect(await storage.pendingUpdateCount(names.index)).toBe(indexRows + 1);
	expect(await storage.pendingUpdateCount(names.contact)).toBe(1);
	await waitUntil(() => readContactSummary(eve.doc(names.index), contactId)?.name === 'Server Sam', {
		what: 'the new contact at the client'
	});
	await waitUntil(() => !sync.hocuspocus.documents.has(names.contact), { what: 'the contact document to unload' });
});

it('does not acknowledge an update it could not store, keeps the document, and stores it once it can', async () => {
	const name = 'contact/w/flaky';
	const other = 'contact/w/steady';
	const eve = client();
	eve.open(name);
	eve.open(other);
	await eve.synced();

	failing = true;
	const mark = lines.length;
	const logged = (text: string) => lines.slice(mark).some((line) => line.includes(text));
	const counts: number[] = [];
	eve.providers.get(name)?.on('unsyncedChanges', ({ number }: { number: number }) => counts.push(number));
	eve.doc(name).getMap('m').set('precious', true);
	await waitUntil(() => logged(`could not store an update of ${name}`), { what: 'the failure to be logged' });
	// The provider reconnects and offers the change again; while storing still fails the
	// server refuses the document's messages, so nothing of it is acknowledged.
	await waitUntil(() => logged(`still cannot store ${name}`), { what: 'a refused retry' });
	// An acknowledgement would have brought the count to 0 at some point.
	expect(counts.length).toBeGreaterThan(0);
	expect(counts).not.toContain(0);
	expect(sync.hocuspocus.documents.has(name)).toBe(true);

	// Storage is back: the next attempt writes the full state, then acknowledges.
	failing = false;
	await waitUntil(() => logged(`stored ${name} again`), { what: 'the retried write', timeoutMs: 15_000 });
	await eve.acked([name, other]);
	expect((await decodeStored(name)).getMap('m').get('precious')).toBe(true);
	eve.destroy();
	await waitUntil(() => !sync.hocuspocus.documents.has(name), { what: 'the recovered document to unload' });
});
