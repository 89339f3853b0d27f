// File metadata in SQLite. An id is written once: a second save of the same id (a webhook
// delivered twice, the same upload retried) finds the first row and answers it.
import type Database from 'better-sqlite3';
import { toStoredFile, type FileRow } from './file-rows.ts';
import type { FileMetaStore } from './types.ts';

export function createSqliteFiles(db: Database.Database): FileMetaStore {
	const q = {
		insert: db.prepare(
			`INSERT INTO files (id, workspace_id, sha256, name, mime, size, uploaded_by, created_at)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`
		),
		get: db.prepare<[string], FileRow>('SELECT * FROM files WHERE id = ?')
	};
	return {
		async saveFile({ id, workspaceId, sha256, name, mime, size, uploadedBy }) {
			q.insert.run(id, workspaceId, sha256, name, mime, size, uploadedBy, Date.now());
			const row = q.get.get(id);
			if (!row) throw new Error(`file ${id} was not stored`);
			return toStoredFile(row);
		},
		async getFile(id) {
			const row = q.get.get(id);
			return row ? toStoredFile(row) : null;
		}
	};
}
