// Row shape of the files table and its mapping, shared by the SQLite and PostgreSQL stores
// (pg returns BIGINT as strings, hence the Number() calls).
import type { StoredFile } from './types.ts';

export type FileRow = {
	id: string;
	workspace_id: string;
	sha256: string;
	name: string;
	mime: string;
	size: number | string;
	uploaded_by: string;
	created_at: number | string;
};

export const toStoredFile = (row: FileRow): StoredFile => ({
	id: row.id,
	workspaceId: row.workspace_id,
	sha256: row.sha256,
	name: row.name,
	mime: row.mime,
	size: Number(row.size),
	uploadedBy: row.uploaded_by,
	createdAt: Number(row.created_at)
});
