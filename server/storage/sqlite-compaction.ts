// The SQLite side of compaction. Runs inside the compaction worker on its own connection to
// the same file (WAL lets it read while the main thread keeps appending).
import type Database from 'better-sqlite3';
import { compactState } from './compaction.ts';
import type { CompactionResult } from './types.ts';

type SnapshotRow = { state: Buffer; version: number };
type UpdateRow = { seq: number; data: Buffer };

export type SqliteCompactionOptions = {
	/** Test hook: hold the write transaction open this long before committing. */
	pauseMs: number;
	log: (message: string) => void;
};

export function compactSqliteDocument(
	db: Database.Database,
	name: string,
	{ pauseMs, log }: SqliteCompactionOptions
): CompactionResult {
	const selectSnapshot = db.prepare<[string], SnapshotRow>('SELECT state, version FROM doc_snapshots WHERE name = ?');
	const selectUpdates = db.prepare<[string], UpdateRow>('SELECT seq, data FROM doc_updates WHERE name = ? ORDER BY seq');

	// One read transaction: the snapshot and the rows come from the same instant.
	const { snapshot, rows } = db.transaction(() => ({
		snapshot: selectSnapshot.get(name),
		rows: selectUpdates.all(name)
	}))();
	const last = rows.at(-1);
	if (!last) return { compactedUpdates: 0, snapshotBytes: snapshot?.state.byteLength ?? 0 };

	// The expensive part (decode, integrate, encode) runs with no lock held.
	const { state, skippedUpdates } = compactState(snapshot?.state ?? null, rows.map((row) => row.data));
	if (skippedUpdates > 0) log(`compaction: ${name}: ${skippedUpdates} update rows did not decode and were dropped`);

	const readVersion = snapshot?.version ?? 0;
	const written = db
		.transaction(() => {
			// Another compaction may have replaced the snapshot since our read: then our
			// result lacks nothing but is stale, and the rows are gone. Let the winner stand.
			const current = selectSnapshot.get(name)?.version ?? 0;
			if (current !== readVersion) return false;
			db.prepare(
				`INSERT INTO doc_snapshots (name, state, version, updated_at) VALUES (?, ?, ?, ?)
				 ON CONFLICT (name) DO UPDATE SET state = excluded.state, version = excluded.version, updated_at = excluded.updated_at`
			).run(name, Buffer.from(state.buffer, state.byteOffset, state.byteLength), readVersion + 1, Date.now());
			if (pauseMs > 0) {
				log(`compaction: ${name}: write transaction open (test pause ${pauseMs} ms)`);
				Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pauseMs);
			}
			// seq <= last.seq: rows appended after our read stay for the next compaction.
			db.prepare('DELETE FROM doc_updates WHERE name = ? AND seq <= ?').run(name, last.seq);
			return true;
		})
		.immediate();

	return written
		? { compactedUpdates: rows.length, snapshotBytes: state.byteLength }
		: { compactedUpdates: 0, snapshotBytes: 0 };
}
