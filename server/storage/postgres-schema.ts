// PostgreSQL schema. Tables go into the first schema of the connection's search_path (set
// `?options=-c search_path=name` in DATABASE_URL to use another schema than public).
import type pg from 'pg';

const MIGRATIONS: string[] = [
	`
	CREATE TABLE users (
		id TEXT PRIMARY KEY,
		email TEXT NOT NULL UNIQUE,
		name TEXT NOT NULL,
		password_hash TEXT NOT NULL,
		created_at BIGINT NOT NULL
	);
	CREATE TABLE sessions (
		token_hash TEXT PRIMARY KEY,
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		expires_at BIGINT NOT NULL
	);
	CREATE TABLE workspaces (
		id TEXT PRIMARY KEY,
		name TEXT NOT NULL,
		created_at BIGINT NOT NULL
	);
	CREATE TABLE memberships (
		workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		role TEXT NOT NULL CHECK (role IN ('owner', 'agent')),
		PRIMARY KEY (workspace_id, user_id)
	);
	CREATE INDEX memberships_user ON memberships(user_id);
	CREATE TABLE doc_snapshots (
		name TEXT PRIMARY KEY,
		state BYTEA NOT NULL,
		version BIGINT NOT NULL,
		updated_at BIGINT NOT NULL
	);
	-- Unlike SQLite, concurrent inserts may commit out of id order, so compaction deletes
	-- exactly the ids it folded, never "everything up to id N".
	CREATE TABLE doc_updates (
		id BIGSERIAL PRIMARY KEY,
		name TEXT NOT NULL,
		data BYTEA NOT NULL
	);
	CREATE INDEX doc_updates_name_id ON doc_updates(name, id);
	`
];

export async function migratePostgres(pool: pg.Pool): Promise<void> {
	const client = await pool.connect();
	try {
		await client.query('BEGIN');
		// Several server processes may start at once against one database.
		await client.query(`SELECT pg_advisory_xact_lock(hashtext('switchboard:migrate'))`);
		await client.query('CREATE TABLE IF NOT EXISTS switchboard_schema (version INTEGER NOT NULL)');
		const { rows } = await client.query<{ version: number }>('SELECT version FROM switchboard_schema');
		let version = rows[0]?.version ?? 0;
		if (rows.length === 0) await client.query('INSERT INTO switchboard_schema (version) VALUES (0)');
		for (; version < MIGRATIONS.length; version++) {
			await client.query(MIGRATIONS[version] ?? '');
			await client.query('UPDATE switchboard_schema SET version = $1', [version + 1]);
		}
		await client.query('COMMIT');
	} catch (error) {
		await client.query('ROLLBACK').catch(() => undefined);
		throw error;
	} finally {
		client.release();
	}
}

/** Runs `fn` in a transaction on one pooled client; rolls back on any error. */
export async function inTransaction<T>(
	pool: pg.Pool,
	begin: string,
	fn: (client: pg.PoolClient) => Promise<T>
): Promise<T> {
	const client = await pool.connect();
	try {
		await client.query(begin);
		const result = await fn(client);
		await client.query('COMMIT');
		return result;
	} catch (error) {
		await client.query('ROLLBACK').catch(() => undefined);
		throw error;
	} finally {
		client.release();
	}
}
