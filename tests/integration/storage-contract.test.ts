// One contract, two implementations: SQLite (temp DATA_DIR) and PostgreSQL (a fresh schema
// in database `test`; skipped with a message when PostgreSQL is not reachable).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../server/log.ts';
import { openPostgresStorage } from '../../server/storage/postgres.ts';
import { openSqliteStorage } from '../../server/storage/sqlite.ts';
import type { Storage } from '../../server/storage/types.ts';

const PG_URL = process.env.TEST_DATABASE_URL ?? `postgres://${process.env.PGUSER ?? userInfo().username}@127.0.0.1:5432/test`;
const log = createLogger('contract');

async function postgresReachable(): Promise<boolean> {
	const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
	try {
		await client.connect();
		await client.query('SELECT 1');
		return true;
	} catch {
		return false;
	} finally {
		await client.end().catch(() => undefined);
	}
}

const hasPostgres = await postgresReachable();
if (!hasPostgres) console.warn(`PostgreSQL not reachable at ${PG_URL}: skipping the PostgreSQL storage contract tests.`);

type Backend = { open(): Promise<Storage>; cleanup(): Promise<void> };

function sqliteBackend(): Backend {
	let dir = '';
	return {
		async open() {
			dir = await mkdtemp(path.join(tmpdir(), 'switchboard-contract-'));
			return openSqliteStorage({ dataDir: dir, log });
		},
		async cleanup() {
			if (dir) await rm(dir, { recursive: true, force: true });
		}
	};
}

function postgresBackend(): Backend {
	const schema = `sb_contract_${process.pid}_${Date.now()}`;
	const admin = () => new pg.Client({ connectionString: PG_URL });
	const run = async (sql: string) => {
		const client = admin();
		await client.connect();
		try {
			await client.query(sql);
		} finally {
			await client.end();
		}
	};
	return {
		async open() {
			await run(`CREATE SCHEMA ${schema}`);
			const url = new URL(PG_URL);
			url.searchParams.set('options', `-c search_path=${schema}`);
			return openPostgresStorage({ databaseUrl: url.href, log });
		},
		async cleanup() {
			await run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
		}
	};
}

/** A document's updates as a client would produce them, one per transaction. */
function updatesOf(edit: (doc: Y.Doc) => void): { updates: Uint8Array[]; doc: Y.Doc } {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	edit(doc);
	return { updates, doc };
}

async function append(storage: Storage, name: string, updates: Uint8Array[]) {
	for (const update of updates) await storage.appendUpdate(name, update);
}

async function decode(storage: Storage, name: string): Promise<Y.Doc> {
	const { snapshot, updates } = await storage.loadDocument(name);
	const doc = new Y.Doc();
	if (snapshot) Y.applyUpdate(doc, snapshot);
	for (const update of updates) Y.applyUpdate(doc, update);
	return doc;
}

function contract(kind: 'sqlite' | 'postgres', makeBackend: () => Backend) {
	let backend: Backend;
	let storage: Storage;

	beforeAll(async () => {
		backend = makeBackend();
		storage = await backend.open();
	});
	afterAll(async () => {
		await storage?.close();
		await backend?.cleanup();
	});

	it('reports its kind and append durability', () => {
		expect(storage.kind).toBe(kind);
		expect(storage.appendIsSynchronous).toBe(kind === 'sqlite');
	});

	it('stores users with unique, case-insensitive emails', async () => {
		const user = await storage.createUser({ email: ' Ana@Example.TEST ', name: 'Ana', passwordHash: 'scrypt$x' });
		expect(user.email).toBe('ana@example.test');
		expect(await storage.findUserByEmail('ANA@example.test')).toEqual({ ...user, passwordHash: 'scrypt$x' });
		expect(await storage.getUser(user.id)).toEqual(user);
		expect(await storage.getUser('missing')).toBeNull();
		await expect(storage.createUser({ email: 'ana@example.test', name: 'Again', passwordHash: 'h' })).rejects.toThrow();
		await expect(storage.createUser({ id: 'bad/id', email: 'x@example.test', name: 'X', passwordHash: 'h' })).rejects.toThrow();
		expect(await storage.countUsers()).toBe(1);
	});

	it('finds live sessions only', async () => {
		const user = await storage.createUser({ email: 'session@example.test', name: 'S', passwordHash: 'h' });
		await storage.createSession('live', { userId: user.id, expiresAt: Date.now() + 60_000 });
		await storage.createSession('expired', { userId: user.id, expiresAt: Date.now() - 1 });
		expect((await storage.findSession('live'))?.userId).toBe(user.id);
		expect(await storage.findSession('expired')).toBeNull();
		await storage.deleteSession('live');
		expect(await storage.findSession('live')).toBeNull();
	});

	it('keeps workspaces and roles', async () => {
		const user = await storage.createUser({ email: 'member@example.test', name: 'M', passwordHash: 'h' });
		const beta = await storage.createWorkspace({ name: 'Beta' });
		const alpha = await storage.createWorkspace({ id: 'alpha-ws', name: 'Alpha' });
		await storage.addMembership(beta.id, user.id, 'owner');
		await storage.addMembership(alpha.id, user.id, 'owner');
		await storage.addMembership(alpha.id, user.id, 'agent');
		expect(await storage.listMemberships(user.id)).toEqual([
			{ id: 'alpha-ws', name: 'Alpha', role: 'agent' },
			{ id: beta.id, name: 'Beta', role: 'owner' }
		]);
		expect(await storage.getRole(beta.id, user.id)).toBe('owner');
		expect(await storage.getRole('nowhere', user.id)).toBeNull();
	});

	it('appends updates and loads them back in order', async () => {
		const name = 'contact/w/append';
		expect(await storage.loadDocument(name)).toEqual({ snapshot: null, updates: [] });
		const { updates, doc } = updatesOf((d) => ['a', 'b', 'c'].forEach((k, i) => d.getMap('m').set(k, i)));
		const result = storage.appendUpdate(name, updates[0] ?? new Uint8Array());
		if (kind === 'sqlite') expect(result).toBeUndefined();
		await result;
		await append(storage, name, updates.slice(1));
		const loaded = await storage.loadDocument(name);
		expect(loaded.snapshot).toBeNull();
		expect(loaded.updates.map((u) => Buffer.from(u).toString('hex'))).toEqual(updates.map((u) => Buffer.from(u).toString('hex')));
		expect(await storage.pendingUpdateCount(name)).toBe(3);
		expect(await storage.listDocuments()).toContain(name);
		expect((await decode(storage, name)).getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
	});

	it('compacts the log into a snapshot in one step, and keeps later appends', async () => {
		const name = 'contact/w/compact';
		const { updates, doc } = updatesOf((d) => {
			for (let i = 0; i < 50; i++) d.getMap('m').set(`k${i}`, i);
		});
		await append(storage, name, updates);
		expect(await storage.compactDocument(name)).toMatchObject({ compactedUpdates: 50 });
		const after = await storage.loadDocument(name);
		expect(after.snapshot).not.toBeNull();
		expect(after.updates).toEqual([]);
		expect((await decode(storage, name)).getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());

		const more: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => more.push(update));
		doc.getMap('m').set('late', true);
		await append(storage, name, more);
		expect(await storage.pendingUpdateCount(name)).toBe(1);
		expect((await decode(storage, name)).getMap('m').get('late')).toBe(true);
		expect(await storage.compactDocument(name)).toMatchObject({ compactedUpdates: 1 });
		expect(await storage.compactDocument(name)).toMatchObject({ compactedUpdates: 0 });
	});

	it('drops deleted content when compacting (a gc Y.Doc, not mergeUpdates)', async () => {
		const name = 'contact/w/garbage';
		const { updates } = updatesOf((d) => {
			const text = d.getText('t');
			text.insert(0, 'x'.repeat(100_000));
			text.delete(0, 100_000);
			text.insert(0, 'kept');
		});
		await append(storage, name, updates);
		const { snapshotBytes } = await storage.compactDocument(name);
		expect(snapshotBytes).toBeLessThan(200);
		expect((await decode(storage, name)).getText('t').toString()).toBe('kept');
	});

	it('loses nothing when compactions and appends race', async () => {
		const name = 'contact/w/race';
		const { updates, doc } = updatesOf((d) => {
			for (let i = 0; i < 200; i++) d.getMap('m').set(`k${i}`, i);
		});
		await append(storage, name, updates.slice(0, 100));
		const compactions = [storage.compactDocument(name), storage.compactDocument(name)];
		await append(storage, name, updates.slice(100));
		const results = await Promise.all(compactions);
		expect(results.reduce((sum, r) => sum + r.compactedUpdates, 0)).toBeGreaterThanOrEqual(100);
		expect((await decode(storage, name)).getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
		await storage.compactDocument(name);
		expect(await storage.pendingUpdateCount(name)).toBe(0);
		expect((await decode(storage, name)).getMap('m').size).toBe(200);
	});

	it('keeps channels with their secret and outbound URL', async () => {
		const workspace = await storage.createWorkspace({ name: 'Channels' });
		const made = await storage.createChannel({ workspaceId: workspace.id, type: 'whatsapp', secret: 's1', outboundUrl: null });
		expect(made).toMatchObject({ workspaceId: workspace.id, type: 'whatsapp', secret: 's1', outboundUrl: null });
		expect(await storage.getChannel(made.id)).toEqual(made);
		const updated = await storage.updateChannel(made.id, { outboundUrl: 'https://p.example.test/out' });
		expect(updated).toMatchObject({ secret: 's1', outboundUrl: 'https://p.example.test/out' });
		expect(await storage.updateChannel(made.id, { secret: 's2' })).toMatchObject({ secret: 's2', outboundUrl: 'https://p.example.test/out' });
		expect(await storage.updateChannel(made.id, { outboundUrl: null })).toMatchObject({ outboundUrl: null });
		expect((await storage.listChannels(workspace.id)).map((c) => c.id)).toEqual([made.id]);
		expect(await storage.updateChannel('missing', { secret: 'x' })).toBeNull();
		expect(await storage.deleteChannel(made.id)).toBe(true);
		expect(await storage.deleteChannel(made.id)).toBe(false);
		expect(await storage.getChannel(made.id)).toBeNull();
	});

	it('links a sender to one contact, however many first messages race', async () => {
		const workspace = await storage.createWorkspace({ name: 'Links' });
		const channel = await storage.createChannel({ workspaceId: workspace.id, type: 'sms', secret: 's', outboundUrl: null });
		const links = await Promise.all(['c1', 'c2', 'c3', 'c4', 'c5'].map((id) => storage.linkChannelContact(channel.id, '+4912345', id)));
		expect(new Set(links.map((l) => l.contactId)).size).toBe(1);
		expect(links.filter((l) => l.created)).toHaveLength(1);
		const contactId = links[0]?.contactId ?? '';
		expect(await storage.findContactLink(workspace.id, contactId)).toEqual({ channelId: channel.id, externalId: '+4912345' });
		expect(await storage.findContactLink('elsewhere', contactId)).toBeNull();
		await storage.deleteChannel(channel.id);
		expect(await storage.findContactLink(workspace.id, contactId)).toBeNull();
	});

	it('keeps the delivery outbox: queue once, claim once, retry later, finish', async () => {
		const row = { id: `dlv-${kind}`, workspaceId: 'w', contactId: 'c', messageId: 'm', attempt: 1, nextAt: 1000 };
		const queued = storage.enqueueDelivery(row);
		if (kind === 'sqlite') expect(queued).toBeUndefined();
		await queued;
		await storage.enqueueDelivery({ ...row, nextAt: 5 });
		expect(await storage.getDelivery(row.id)).toMatchObject({ state: 'pending', tries: 0, nextAt: 1000, channelId: null });
		expect(await storage.dueDeliveries(999, 10)).toEqual([]);
		expect((await storage.dueDeliveries(1000, 10)).map((d) => d.id)).toEqual([row.id]);
		expect(await storage.nextDeliveryDue()).toBe(1000);

		const claims = await Promise.all([storage.claimDelivery(row.id, 2000, 500), storage.claimDelivery(row.id, 2000, 500)]);
		expect(claims.filter(Boolean)).toHaveLength(1);
		expect(await storage.dueDeliveries(2400, 10)).toEqual([]);
		expect(await storage.claimDelivery(row.id, 2400, 500)).toBeNull();
		// A claimed row is next available when its lease ends (a crashed worker's claim expires).
		expect(await storage.nextDeliveryDue()).toBe(2500);
		expect(await storage.claimDelivery(row.id, 2500, 500)).not.toBeNull();

		await storage.retryDeliveryLater(row.id, { tries: 1, nextAt: 3000, lastError: 'HTTP 500', channelId: 'ch' });
		expect(await storage.getDelivery(row.id)).toMatchObject({ state: 'pending', tries: 1, nextAt: 3000, lastError: 'HTTP 500', channelId: 'ch' });
		expect((await storage.dueDeliveries(3000, 10)).map((d) => d.id)).toEqual([row.id]);

		await storage.finishDelivery(row.id, { tries: 2, lastError: null, channelId: 'ch' });
		expect(await storage.getDelivery(row.id)).toMatchObject({ state: 'done', tries: 2, lastError: null });
		expect(await storage.dueDeliveries(Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
		expect(await storage.nextDeliveryDue()).toBeNull();
		expect(await storage.claimDelivery(row.id, 9000, 500)).toBeNull();
		// A done row is never queued again.
		await storage.enqueueDelivery(row);
		expect(await storage.getDelivery(row.id)).toMatchObject({ state: 'done' });
		await storage.forgetDelivery(row.id);
		expect(await storage.getDelivery(row.id)).toBeNull();
		await storage.enqueueDelivery(row);
		expect(await storage.getDelivery(row.id)).toMatchObject({ state: 'pending', tries: 0 });
	});

	it('keeps file metadata, written once per id', async () => {
		const workspace = await storage.createWorkspace({ name: 'Files' });
		const file = { id: `file-${kind}`, workspaceId: workspace.id, sha256: 'ab'.repeat(32), name: 'photo.png', mime: 'image/png', size: 30 * 1024 * 1024, uploadedBy: 'user:u1' };
		const saved = await storage.saveFile(file);
		expect(saved).toMatchObject(file);
		expect(typeof saved.createdAt).toBe('number');
		// A second save of the id (a retried upload, a webhook delivered twice) keeps the first row.
		expect(await storage.saveFile({ ...file, name: 'other.png', uploadedBy: 'user:u2' })).toEqual(saved);
		expect(await storage.getFile(file.id)).toEqual(saved);
		expect(await storage.getFile('missing')).toBeNull();
		await expect(storage.saveFile({ ...file, id: `orphan-${kind}`, workspaceId: 'no-such-workspace' })).rejects.toThrow();
	});
}

describe('SQLite storage', () => contract('sqlite', sqliteBackend));
describe.skipIf(!hasPostgres)('PostgreSQL storage', () => contract('postgres', postgresBackend));
