// Yjs documents in PostgreSQL: the same snapshot + update log as SQLite.
//
// Durability differs: pg is asynchronous, so `appendUpdate` returns a promise and Hocuspocus
// has already acknowledged the update to the client when the row commits (a few ms later).
// An update acknowledged in that window is lost if this process dies before the INSERT
// reaches PostgreSQL; the client has already dropped it from its pending set. SQLite has no
// such window. See docs/storage.md.
import type pg from 'pg';
import type { Compactor } from './compactor.ts';
import { inTransaction } from './postgres-schema.ts';
import type { CompactionResult, DocumentStore } from './types.ts';

export type PostgresDocuments = DocumentStore & { flush(): Promise<void> };

export function createPostgresDocuments(pool: pg.Pool, compactor: Compactor): PostgresDocuments {
	const inFlight = new Set<Promise<unknown>>();
	const track = <T>(promise: Promise<T>): Promise<T> => {
		inFlight.add(promise);
		void promise.finally(() => inFlight.delete(promise)).catch(() => undefined);
		return promise;
	};

	async function read(name: string) {
		return inTransaction(pool, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client) => {
			const snapshot = await client.query<{ state: Buffer; version: string }>(
				'SELECT state, version FROM doc_snapshots WHERE name = $1',
				[name]
			);
			const updates = await client.query<{ id: string; data: Buffer }>(
				'SELECT id, data FROM doc_updates WHERE name = $1 ORDER BY id',
				[name]
			);
			const row = snapshot.rows[0];
			return { snapshot: row ? { state: row.state, version: Number(row.version) } : null, updates: updates.rows };
		});
	}

	async function compact(name: string): Promise<CompactionResult> {
		const { snapshot, updates } = await read(name);
		if (updates.length === 0) return { compactedUpdates: 0, snapshotBytes: snapshot?.state.byteLength ?? 0 };
		const folded = await compactor.run({
			kind: 'fold',
			snapshot: snapshot?.state ?? null,
			updates: updates.map((row) => row.data)
		});
		const ids = updates.map((row) => row.id);
		const written = await inTransaction(pool, 'BEGIN', async (client) => {
			// Optimistic: only replace the snapshot we read. Another process (several servers
			// share one database behind Redis) may have compacted meanwhile.
			const state = Buffer.from(folded.state.buffer, folded.state.byteOffset, folded.state.byteLength);
			const replaced = snapshot
				? await client.query(
						'UPDATE doc_snapshots SET state = $2, version = version + 1, updated_at = $3 WHERE name = $1 AND version = $4',
						[name, state, Date.now(), snapshot.version]
					)
				: await client.query(
						'INSERT INTO doc_snapshots (name, state, version, updated_at) VALUES ($1, $2, 1, $3) ON CONFLICT (name) DO NOTHING',
						[name, state, Date.now()]
					);
			if (replaced.rowCount !== 1) return false;
			await client.query('DELETE FROM doc_updates WHERE id = ANY($1::bigint[])', [ids]);
			return true;
		});
		return written
			? { compactedUpdates: updates.length, snapshotBytes: folded.state.byteLength }
			: { compactedUpdates: 0, snapshotBytes: 0 };
	}

	return {
		appendIsSynchronous: false,
		async loadDocument(name) {
			const { snapshot, updates } = await read(name);
			return { snapshot: snapshot?.state ?? null, updates: updates.map((row) => row.data) };
		},
		appendUpdate(name, update) {
			const data = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
			return track(pool.query('INSERT INTO doc_updates (name, data) VALUES ($1, $2)', [name, data]).then(() => undefined));
		},
		async pendingUpdateCount(name) {
			const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM doc_updates WHERE name = $1', [name]);
			return Number(rows[0]?.n ?? 0);
		},
		compactDocument(name) {
			return track(compact(name));
		},
		async listDocuments() {
			const { rows } = await pool.query<{ name: string }>(
				'SELECT name FROM doc_snapshots UNION SELECT DISTINCT name FROM doc_updates ORDER BY name'
			);
			return rows.map((row) => row.name);
		},
		async flush() {
			while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
		}
	};
}
