// File metadata in PostgreSQL. An id is written once: a second save of the same id (a webhook
// delivered twice, the same upload retried) finds the first row and answers it.
import type pg from 'pg';
import { toStoredFile, type FileRow } from './file-rows.ts';
import type { FileMetaStore } from './types.ts';

export function createPostgresFiles(pool: pg.Pool): FileMetaStore {
	const get = async (id: string) => (await pool.query<FileRow>('SELECT * FROM files WHERE id = $1', [id])).rows[0] ?? null;
	return {
		async saveFile({ id, workspaceId, sha256, name, mime, size, uploadedBy }) {
			await pool.query(
				`INSERT INTO files (id, workspace_id, sha256, name, mime, size, uploaded_by, created_at)
				 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
				[id, workspaceId, sha256, name, mime, size, uploadedBy, Date.now()]
			);
			const row = await get(id);
			if (!row) throw new Error(`file ${id} was not stored`);
			return toStoredFile(row);
		},
		async getFile(id) {
			const row = await get(id);
			return row ? toStoredFile(row) : null;
		}
	};
}
