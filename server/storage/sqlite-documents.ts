// Yjs documents in SQLite: a snapshot row per document plus an append-only update log.
import type Database from 'better-sqlite3';
import type { Compactor } from './compactor.ts';
import type { DocumentStore, StoredDocument } from './types.ts';

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export function createSqliteDocuments(
	db: Database.Database,
	file: string,
	compactor: Compactor,
	compactTestPauseMs: number
): DocumentStore {
	const q = {
		snapshot: db.prepare<[string], { state: Buffer }>('SELECT state FROM doc_snapshots WHERE name = ?'),
		updates: db.prepare<[string], { data: Buffer }>('SELECT data FROM doc_updates WHERE name = ? ORDER BY seq'),
		append: db.prepare('INSERT INTO doc_updates (name, data) VALUES (?, ?)'),
		count: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM doc_updates WHERE name = ?'),
		names: db.prepare<[], { name: string }>(
			'SELECT name FROM doc_snapshots UNION SELECT DISTINCT name FROM doc_updates ORDER BY name'
		)
	};
	const load = db.transaction((name: string): StoredDocument => ({
		snapshot: q.snapshot.get(name)?.state ?? null,
		updates: q.updates.all(name).map((row) => row.data)
	}));

	return {
		// A better-sqlite3 insert in autocommit mode has committed to the WAL when run()
		// returns (see sqlite-schema.ts for why that survives SIGKILL).
		appendIsSynchronous: true,
		async loadDocument(name) {
			return load(name);
		},
		appendUpdate(name, update) {
			q.append.run(name, asBuffer(update));
		},
		async pendingUpdateCount(name) {
			return q.count.get(name)?.n ?? 0;
		},
		compactDocument(name) {
			return compactor.run({ kind: 'sqlite', file, name, pauseMs: compactTestPauseMs });
		},
		async listDocuments() {
			return q.names.all().map((row) => row.name);
		}
	};
}
