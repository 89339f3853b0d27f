import 'fake-indexeddb/auto';
import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDb, type SwitchboardDb } from '../../src/lib/sync/db.ts';
import { LocalStore } from '../../src/lib/sync/local-store.ts';
import { ProviderPool } from '../../src/lib/sync/provider-pool.ts';

// The pool without a network: a socket that never connects. Documents come from IndexedDB
// before a provider exists, local changes are persisted, and the LRU closes old contact
// documents but never one that still has changes to send.

let db: SwitchboardDb;
let socket: HocuspocusProviderWebsocket;
let dbCount = 0;

beforeEach(async () => {
	db = openDb(`switchboard-pool-test-${++dbCount}`);
	await db.open();
	// Node 20 has no WebSocket global; with autoConnect off none is ever created.
	socket = new HocuspocusProviderWebsocket({ url: 'ws://127.0.0.1:9/sync', autoConnect: false, WebSocketPolyfill: class {} });
});

afterEach(async () => {
	socket.destroy();
	db.close();
	await db.delete();
});

async function seed(name: string, key: string, value: unknown) {
	const doc = new Y.Doc();
	doc.getMap('m').set(key, value);
	await db.updates.add({ doc: name, update: Y.encodeStateAsUpdate(doc) });
}

describe('ProviderPool', () => {
	it('loads from IndexedDB before the provider attaches, and persists later changes', async () => {
		await seed('workspace/w', 'name', 'Demo');
		const store = new LocalStore(db, { locks: null });
		const pool = new ProviderPool(store, socket);
		const doc = await pool.open('workspace/w', { pinned: true, awareness: true });
		expect(doc.getMap('m').get('name')).toBe('Demo');
		const [provider] = pool.providers();
		expect(provider?.isAttached).toBe(true);
		expect(provider?.hasUnsyncedChanges).toBe(false); // the loaded state is not "sent" as a change

		doc.getMap('m').set('name', 'Renamed');
		expect(provider?.unsyncedChanges).toBe(1);
		await store.flush();
		const reloaded = new Y.Doc();
		await new LocalStore(db, { locks: null }).load('workspace/w', reloaded);
		expect(reloaded.getMap('m').get('name')).toBe('Renamed');
		await pool.destroy();
	});

	it('returns the same document for the same name', async () => {
		const pool = new ProviderPool(new LocalStore(db, { locks: null }), socket);
		const [a, b] = await Promise.all([pool.open('contact/w/c1'), pool.open('contact/w/c1')]);
		expect(a).toBe(b);
		expect(pool.size).toBe(1);
		await pool.destroy();
	});

	it('closes the least recently used contact documents, except pinned and unsent ones', async () => {
		const pending = new Set(['contact/w/c1']);
		const pool = new ProviderPool(new LocalStore(db, { locks: null }), socket, { isPending: (name) => pending.has(name) }, 3);
		await pool.open('index/w/0', { pinned: true });
		await pool.open('contact/w/c1');
		const c2 = await pool.open('contact/w/c2');
		c2.getMap('m').set('unsent', true); // its provider now has an unacknowledged update
		await pool.open('contact/w/c3');
		await pool.open('contact/w/c4');
		await pool.open('contact/w/c5');
		const open = (name: string) => pool.get(name) !== undefined;
		expect(open('index/w/0')).toBe(true);
		expect(open('contact/w/c1')).toBe(true); // pending action
		expect(open('contact/w/c2')).toBe(true); // unsynced change
		expect(open('contact/w/c3')).toBe(false);
		expect(open('contact/w/c4')).toBe(false);
		expect(open('contact/w/c5')).toBe(true);
		// A closed document reopens from IndexedDB with what it had.
		pool.close('contact/w/c2');
		await pool.open('contact/w/c2');
		expect(pool.get('contact/w/c2')?.getMap('m').get('unsent')).toBe(true);
		await pool.destroy();
	});
});
