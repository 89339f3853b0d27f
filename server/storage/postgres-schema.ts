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
	`,
	// Channels: secrets and outbound URLs (never in a document), provider sender → contact
	// links, and the durable outbox of deliveries (docs/channels.md).
	`
	CREATE TABLE channels (
		id TEXT PRIMARY KEY,
		workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
		type TEXT NOT NULL,
		secret TEXT NOT NULL,
		outbound_url TEXT,
		created_at BIGINT NOT NULL
	);
	CREATE INDEX channels_workspace ON channels(workspace_id);
	CREATE TABLE channel_contacts (
		channel_id TEXT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
		external_id TEXT NOT NULL,
		contact_id TEXT NOT NULL,
		created_at BIGINT NOT NULL,
		PRIMARY KEY (channel_id, external_id)
	);
	CREATE INDEX channel_contacts_contact ON channel_contacts(contact_id);
	CREATE TABLE delivery_outbox (
		id TEXT PRIMARY KEY,
		workspace_id TEXT NOT NULL,
		contact_id TEXT NOT NULL,
		message_id TEXT NOT NULL,
		attempt INTEGER NOT NULL,
		state TEXT NOT NULL CHECK (state IN ('pending', 'done')),
		channel_id TEXT,
		tries INTEGER NOT NULL DEFAULT 0,
		next_at BIGINT NOT NULL,
		lease_until BIGINT NOT NULL DEFAULT 0,
		last_error TEXT,
		created_at BIGINT NOT NULL,
		finished_at BIGINT
	);
	CREATE INDEX delivery_outbox_due ON delivery_outbox(state, next_at);
	`,
	// Files: metadata of uploaded and fetched files; the bytes are in DATA_DIR/files by sha256.
	`
	CREATE TABLE files (
		id TEXT PRIMARY KEY,
		workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
		sha256 TEXT NOT NULL,
		name TEXT NOT NULL,
		mime TEXT NOT NULL,
		size BIGINT NOT NULL,
		uploaded_by TEXT NOT NULL,
		created_at BIGINT NOT NULL
	);
	CREATE INDEX files_sha256 ON files(sha256);
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
