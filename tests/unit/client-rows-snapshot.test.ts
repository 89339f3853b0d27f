import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { assignContact, createContact } from '../../shared/actions/index.ts';
import { INDEX_SHARDS, readContactSummaries, shardOf } from '../../shared/doc/index.ts';
import type { ContactSummary } from '../../shared/schemas/index.ts';
import { ShardRows } from '../../src/lib/stores/contact-list-shards.ts';
import { openDb, type SwitchboardDb } from '../../src/lib/sync/db.ts';
import { localLoadOrigin } from '../../src/lib/sync/origins.ts';
import { clearRowsSnapshots, loadRowsSnapshot, RowsSnapshotWriter } from '../../src/lib/sync/rows-snapshot.ts';
import { ana, MINUTE, T0, testDoc, testEnv } from '../helpers/factories.ts';

// The list rows kept beside the index shards for a fast first paint: written per shard from
// the shared reader after the shards load and after changes, read back only when all 64 are
// there; and a shard seeded with (possibly stale) snapshot rows shows them until its document
// has loaded, then keeps exactly the document's rows.

let db: SwitchboardDb;
let dbCount = 0;

beforeEach(async () => {
	db = openDb(`switchboard-rows-snapshot-test-${++dbCount}`);
	await db.open();
});

afterEach(async () => {
	db.close();
	await db.delete();
});

/** 64 index shards holding `count` contacts, each in its own shard as the client places them. */
function workspace(count: number) {
	const env = testEnv();
	const shards = Array.from({ length: INDEX_SHARDS }, () => testDoc());
	const contacts = new Map<string, Y.Doc>();
	const docs = (id: string) => ({ index: shards[shardOf(id)] as Y.Doc, contact: contacts.get(id) as Y.Doc });
	for (let i = 0; i < count; i++) {
		const id = `contact${i}`;
		contacts.set(id, testDoc());
		createContact(docs(id), { contactId: id, channel: 'sms', name: `Contact ${i}`, createdAt: T0 + i * MINUTE }, ana, env);
	}
	return { env, shards, docs };
}

const byId = (rows: readonly ContactSummary[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

function writer(shards: Y.Doc[], loaded: Promise<unknown>, stale: boolean) {
	return new RowsSnapshotWriter(db, 'w1', shards, loaded, stale, { delayMs: 0, idle: (write) => write() });
}

describe('rows snapshot', () => {
	it('is written once the shards are loaded, and read back only when complete', async () => {
		const { shards } = workspace(200);
		let load!: () => void;
		const snapshots = writer(shards, new Promise<void>((resolve) => (load = resolve)), true);
		await snapshots.flush();
		expect(await loadRowsSnapshot(db, 'w1')).toBeNull(); // nothing written before the shards are loaded
		load();
		await new Promise((resolve) => setTimeout(resolve, 0));
		await snapshots.flush();
		const stored = await loadRowsSnapshot(db, 'w1');
		expect(stored?.map(byId)).toEqual(shards.map((shard) => byId(readContactSummaries(shard))));
		expect(await loadRowsSnapshot(db, 'other workspace')).toBeNull();

		await db.meta.delete('rows:w1:17');
		expect(await loadRowsSnapshot(db, 'w1')).toBeNull();
		await clearRowsSnapshots(db);
		expect(await db.meta.where('key').startsWith('rows:').count()).toBe(0);
		snapshots.destroy();
	});

	it('rewrites only the shards a change touched, not for what was loaded from IndexedDB', async () => {
		const { env, shards, docs } = workspace(100);
		const snapshots = writer(shards, Promise.resolve(), true);
		await new Promise((resolve) => setTimeout(resolve, 0));
		await snapshots.flush();
		// Marks on the stored snapshots show which ones are written again.
		const untouched = (shardOf('contact5') + 1) % INDEX_SHARDS;
		for (const shard of [shardOf('contact5'), untouched]) await db.meta.put({ key: `rows:w1:${shard}`, value: { v: 1, rows: [] } });

		assignContact(docs('contact5'), { contactId: 'contact5', assignee: 'ben' }, ana, env);
		const other = testDoc();
		createContact({ index: other, contact: testDoc() }, { contactId: 'loaded', channel: 'sms', name: 'Loaded', createdAt: T0 }, ana, env);
		Y.applyUpdate(shards[untouched] as Y.Doc, Y.encodeStateAsUpdate(other), localLoadOrigin);
		await new Promise((resolve) => setTimeout(resolve, 0));
		await snapshots.flush();
		const stored = await loadRowsSnapshot(db, 'w1');
		expect(stored?.[shardOf('contact5')]?.find((row) => row.id === 'contact5')?.assignee).toBe('ben');
		expect(stored?.[untouched]).toEqual([]);
		snapshots.destroy();
	});
});

describe('ShardRows seeded from a snapshot', () => {
	it('shows the snapshot until its document loads, then exactly the document’s rows', () => {
		const { env, shards, docs } = workspace(300);
		const shardNo = shardOf('contact1');
		const stored = shards[shardNo] as Y.Doc;
		const snapshot = readContactSummaries(stored);
		expect(snapshot.length).toBeGreaterThan(2);
		// The document moved on after the snapshot was written; the snapshot also holds a row
		// the document does not (deleted, or never stored here).
		const moved = snapshot[0] as ContactSummary;
		assignContact(docs(moved.id), { contactId: moved.id, assignee: 'cara' }, ana, env);
		const ghost: ContactSummary = { ...moved, id: 'ghost', name: 'Gone' };

		const loading = testDoc();
		const shard = new ShardRows(loading, () => {});
		shard.seed([...snapshot, ghost]);
		expect(shard.pending).toBe(true);
		const first = shard.refresh();
		expect(first.every((change) => change.before === null)).toBe(true);
		expect(byId([...shard.rows])).toEqual(byId([...snapshot, ghost]));
		const kept = new Map([...shard.rows].map((row) => [row.id, row]));

		Y.applyUpdate(loading, Y.encodeStateAsUpdate(stored), localLoadOrigin);
		shard.loaded();
		const changes = shard.refresh();
		expect(byId([...shard.rows])).toEqual(byId(readContactSummaries(stored)));
		// Only the moved row and the ghost changed; every other row is the snapshot's object.
		expect(changes.map((change) => (change.after ?? change.before)?.id).sort()).toEqual(['ghost', moved.id].sort());
		for (const row of shard.rows) if (row.id !== moved.id) expect(row).toBe(kept.get(row.id));
		shard.destroy();
	});
});
