import 'fake-indexeddb/auto';
import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ContactSummary } from '../../shared/schemas/index.ts';
import { openDb, type SwitchboardDb } from '../../src/lib/sync/db.ts';
import { LocalStore } from '../../src/lib/sync/local-store.ts';
import { pickContacts, rowFingerprint } from '../../src/lib/sync/prefetch-pick.ts';
import { ProviderPool } from '../../src/lib/sync/provider-pool.ts';

// What is prefetched for offline work, and how a prefetch lives in the provider pool: outside
// the LRU, closed when it is done, and turned into an ordinary entry when a view opens the
// document meanwhile. The syncing itself is covered in real Chromium (tests/e2e/offline.test.ts).

const row = (id: string, at: number, extra: Partial<ContactSummary> = {}): ContactSummary => ({
	id,
	name: id,
	channel: 'whatsapp',
	phone: null,
	email: null,
	avatarUrl: null,
	createdAt: 0,
	status: 'open',
	assignee: null,
	snoozedUntil: null,
	tags: [],
	last: { messageId: `m-${id}`, at, direction: 'in', text: 'hi' },
	incoming: 1,
	...extra
});

describe('pickContacts', () => {
	// Sorted most recent first, as the contact list keeps them.
	const rows = [
		row('r1', 90),
		row('mine-done', 80, { assignee: 'me', status: 'done' }),
		row('r2', 70),
		row('other', 60, { assignee: 'ben' }),
		row('mine1', 50, { assignee: 'me' }),
		row('r3', 40),
		row('mine2', 10, { assignee: 'me', snoozedUntil: 999 })
	];

	it('takes open assignments first, then the most recent, each once', () => {
		const ids = pickContacts(rows, 'me', { recent: 3, assigned: 10 }).map((picked) => picked.id);
		expect(ids).toEqual(['mine1', 'mine2', 'r1', 'mine-done', 'r2']);
	});

	it('caps both parts', () => {
		const ids = pickContacts(rows, 'me', { recent: 1, assigned: 1 }).map((picked) => picked.id);
		expect(ids).toEqual(['mine1', 'r1']);
	});
});

describe('rowFingerprint', () => {
	it('moves with messages and triage, and only then', () => {
		const base = row('c', 10);
		expect(rowFingerprint({ ...base })).toBe(rowFingerprint(base));
		expect(rowFingerprint({ ...base, name: 'Renamed' })).toBe(rowFingerprint(base));
		for (const changed of [
			{ last: { messageId: 'm2', at: 20, direction: 'out' as const, text: 'yes' } },
			{ incoming: 2 },
			{ status: 'done' as const },
			{ assignee: 'ben' },
			{ snoozedUntil: 5 },
			{ tags: ['vip'] }
		]) {
			expect(rowFingerprint({ ...base, ...changed }), JSON.stringify(changed)).not.toBe(rowFingerprint(base));
		}
	});
});

describe('ProviderPool.prefetch', () => {
	let db: SwitchboardDb;
	let socket: HocuspocusProviderWebsocket;
	let dbCount = 0;

	beforeEach(async () => {
		db = openDb(`switchboard-prefetch-test-${++dbCount}`);
		await db.open();
		// Never connects: a prefetch cannot sync, as when the network is gone.
		socket = new HocuspocusProviderWebsocket({ url: 'ws://127.0.0.1:9/sync', autoConnect: false, WebSocketPolyfill: class {} });
	});

	afterEach(async () => {
		socket.destroy();
		db.close();
		await db.delete();
	});

	it('gives up on a document that does not sync, closes it, and pushes nothing out of the LRU', async () => {
		const pool = new ProviderPool(new LocalStore(db, { locks: null }), socket, {}, 1);
		await pool.open('contact/w/in-use', { awareness: true });
		const prefetching = pool.prefetch('contact/w/p', 50);
		await expect(prefetching).resolves.toBe('failed');
		expect(pool.get('contact/w/p')).toBeUndefined();
		expect(pool.get('contact/w/in-use')).toBeDefined();
		await pool.destroy();
	});

	it('is not reported as syncing while it runs', async () => {
		const pool = new ProviderPool(new LocalStore(db, { locks: null }), socket);
		await pool.open('index/w/0', { pinned: true });
		const prefetching = pool.prefetch('contact/w/p', 50);
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(pool.size).toBe(2);
		expect(pool.providers()).toHaveLength(1);
		await prefetching;
		await pool.destroy();
	});

	it('leaves an open document alone', async () => {
		const pool = new ProviderPool(new LocalStore(db, { locks: null }), socket);
		const doc = await pool.open('contact/w/c', { awareness: true });
		await expect(pool.prefetch('contact/w/c', 50)).resolves.toBe('open');
		expect(pool.get('contact/w/c')).toBe(doc);
		await pool.destroy();
	});

	it('hands a document a view opens meanwhile to the view, with awareness and what was stored', async () => {
		const stored = new Y.Doc();
		stored.getMap('m').set('text', 'from the server earlier');
		await db.updates.add({ doc: 'contact/w/c', update: Y.encodeStateAsUpdate(stored) });
		const pool = new ProviderPool(new LocalStore(db, { locks: null }), socket);
		const prefetching = pool.prefetch('contact/w/c', 200);
		const doc = await pool.open('contact/w/c', { awareness: true });
		await expect(prefetching).resolves.toBe('failed');
		// The view's entry stays, with its own provider that has awareness.
		expect(pool.get('contact/w/c')).toBe(doc);
		expect(pool.provider('contact/w/c')?.awareness).not.toBeNull();
		expect(doc.getMap('m').get('text')).toBe('from the server earlier');
		await pool.destroy();
	});

	it('keeps a prefetched document a view opens without awareness', async () => {
		const pool = new ProviderPool(new LocalStore(db, { locks: null }), socket);
		const prefetching = pool.prefetch('contact/w/c', 50);
		const doc = await pool.open('contact/w/c');
		await prefetching;
		expect(pool.get('contact/w/c')).toBe(doc);
		await pool.destroy();
	});
});
