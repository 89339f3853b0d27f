import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { openDb, type SwitchboardDb } from '../../src/lib/sync/db.ts';
import { LocalStore } from '../../src/lib/sync/local-store.ts';
import { localLoadOrigin } from '../../src/lib/sync/origins.ts';
import { PendingActions } from '../../src/lib/sync/pending.ts';

// The client's IndexedDB layer against fake-indexeddb: what is appended loads back, loading
// writes nothing, and compaction keeps exactly the same document state in one row.

let db: SwitchboardDb;
let dbCount = 0;

beforeEach(async () => {
	db = openDb(`switchboard-test-${++dbCount}`);
	await db.open();
});

afterEach(async () => {
	db.close();
	await db.delete();
});

const rowsOf = (name: string) => db.updates.where('doc').equals(name).count();
const state = (doc: Y.Doc) => doc.getMap('m').toJSON();

async function loaded(store: LocalStore, name: string): Promise<Y.Doc> {
	const doc = new Y.Doc();
	await store.load(name, doc);
	return doc;
}

describe('LocalStore', () => {
	it('loads back what it appended, local and remote, for each document separately', async () => {
		const store = new LocalStore(db, { locks: null });
		const doc = new Y.Doc();
		const other = new Y.Doc();
		store.persist('a', doc);
		store.persist('b', other);
		doc.getMap('m').set('local', 1);
		// A provider applies remote updates with itself as origin: those are stored too.
		const remote = new Y.Doc();
		remote.getMap('m').set('remote', 2);
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote), { provider: true });
		other.getMap('m').set('b', true);
		await store.flush();

		expect(await rowsOf('a')).toBe(2);
		expect(state(await loaded(new LocalStore(db, { locks: null }), 'a'))).toEqual({ local: 1, remote: 2 });
		expect(state(await loaded(new LocalStore(db, { locks: null }), 'b'))).toEqual({ b: true });
	});

	it('batches the updates of one task into one write and stores nothing it loaded', async () => {
		const store = new LocalStore(db, { locks: null });
		const doc = new Y.Doc();
		store.persist('a', doc);
		for (let i = 0; i < 10; i++) doc.getMap('m').set(`k${i}`, i);
		await store.flush();
		expect(await rowsOf('a')).toBe(10);

		const again = new Y.Doc();
		const reader = new LocalStore(db, { locks: null });
		reader.persist('a', again);
		let origins = 0;
		again.on('update', (_update: Uint8Array, origin: unknown) => origin === localLoadOrigin && origins++);
		await reader.load('a', again);
		await reader.flush();
		expect(origins).toBe(1); // one transaction for all ten rows
		expect(await rowsOf('a')).toBe(10);
	});

	it('compacts many rows into one with the same state, deletions included', async () => {
		const store = new LocalStore(db, { compactAfter: 20, locks: null });
		const doc = new Y.Doc();
		store.persist('a', doc);
		const map = doc.getMap('m');
		const text = doc.getText('t');
		for (let i = 0; i < 60; i++) {
			map.set(`k${i % 7}`, i);
			if (i % 5 === 0) map.delete(`k${(i + 3) % 7}`);
			text.insert(text.length, `${i},`);
			await store.flush();
		}
		await store.compact('a');
		expect(await rowsOf('a')).toBe(1);
		const reloaded = await loaded(new LocalStore(db, { locks: null }), 'a');
		expect(state(reloaded)).toEqual(state(doc));
		expect(reloaded.getText('t').toString()).toBe(text.toString());
		expect(Y.encodeStateVector(reloaded)).toEqual(Y.encodeStateVector(doc));
	});

	it('keeps rows appended after a compaction and loads the union', async () => {
		const store = new LocalStore(db, { compactAfter: 5, locks: null });
		const doc = new Y.Doc();
		store.persist('a', doc);
		for (let i = 0; i < 8; i++) doc.getMap('m').set(`k${i}`, i);
		await store.flush();
		await store.compact('a');
		doc.getMap('m').set('after', true);
		await store.flush();
		expect(await rowsOf('a')).toBe(2);
		expect(state(await loaded(new LocalStore(db, { locks: null }), 'a'))).toEqual(state(doc));
	});

	it('skips compaction while another tab holds the lock', async () => {
		const held: LockManager = {
			request: (async (_name: string, _options: LockOptions, callback: (lock: Lock | null) => unknown) =>
				callback(null)) as LockManager['request'],
			query: async () => ({ held: [], pending: [] })
		};
		const store = new LocalStore(db, { compactAfter: 2, locks: held });
		const doc = new Y.Doc();
		store.persist('a', doc);
		for (let i = 0; i < 5; i++) doc.getMap('m').set(`k${i}`, i);
		await store.flush();
		await store.compact('a');
		expect(await rowsOf('a')).toBe(5);
	});

	it('skips an unreadable row instead of failing the load', async () => {
		const reported = vi.spyOn(console, 'error').mockImplementation(() => {});
		const store = new LocalStore(db, { locks: null });
		const doc = new Y.Doc();
		store.persist('a', doc);
		doc.getMap('m').set('ok', 1);
		await store.flush();
		await db.updates.add({ doc: 'a', update: new Uint8Array([255, 255, 255]) });
		const reloaded = await loaded(new LocalStore(db, { locks: null }), 'a');
		expect(state(reloaded)).toEqual({ ok: 1 });
		expect(reported).toHaveBeenCalledOnce();
		reported.mockRestore();
	});
});

describe('PendingActions', () => {
	it('counts an action until every document it changed is acknowledged, across reloads', async () => {
		const pending = new PendingActions(db, 'w:u');
		pending.add({ id: '1', action: 'assignContact', docs: ['index/w/1', 'contact/w/c'], at: 1 });
		pending.add({ id: '2', action: 'markRead', docs: ['agent/w/u'], at: 2 });
		await pending.settled();

		const reloaded = new PendingActions(db, 'w:u');
		await reloaded.load();
		expect(reloaded.count).toBe(2);
		expect([...reloaded.docs()].sort()).toEqual(['agent/w/u', 'contact/w/c', 'index/w/1']);
		reloaded.acknowledge('index/w/1');
		expect(reloaded.count).toBe(2);
		reloaded.acknowledge('contact/w/c');
		reloaded.acknowledge('agent/w/u');
		expect(reloaded.count).toBe(0);
		await reloaded.settled();

		const third = new PendingActions(db, 'w:u');
		await third.load();
		expect(third.count).toBe(0);
	});
});
