// Opens the SQLite file with the settings every connection (main thread and compaction
// worker) must share, and brings the schema up to date.
import Database from 'better-sqlite3';

/*
 * Durability: WAL with synchronous=NORMAL. A commit in WAL mode is a write() of the frames
 * to the -wal file; when write() returns the bytes are in the kernel's page cache and
 * survive the death of this process (SIGKILL, crash, OOM kill). NORMAL skips only the fsync
 * per commit, which protects against power loss or a kernel crash — not our goal, and it
 * would cost a disk flush per acknowledged update. Use FULL if the host can lose power
 * without a battery-backed disk and acknowledged updates must survive that too.
 */
const PRAGMAS = ['journal_mode = WAL', 'synchronous = NORMAL', 'foreign_keys = ON', 'busy_timeout = 5000'];

const MIGRATIONS: string[] = [
	`
	CREATE TABLE users (
		id TEXT PRIMARY KEY,
		email TEXT NOT NULL UNIQUE,
		name TEXT NOT NULL,
		password_hash TEXT NOT NULL,
		created_at INTEGER NOT NULL
	);
	CREATE TABLE sessions (
		token_hash TEXT PRIMARY KEY,
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		expires_at INTEGER NOT NULL
	);
	CREATE TABLE workspaces (
		id TEXT PRIMARY KEY,
		name TEXT NOT NULL,
		created_at INTEGER NOT NULL
	);
	CREATE TABLE memberships (
		workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		role TEXT NOT NULL CHECK (role IN ('owner', 'agent')),
		PRIMARY KEY (workspace_id, user_id)
	);
	CREATE INDEX memberships_user ON memberships(user_id);
	-- version counts compactions, so a compaction can tell that another one replaced the
	-- snapshot between its read and its write.
	CREATE TABLE doc_snapshots (
		name TEXT PRIMARY KEY,
		state BLOB NOT NULL,
		version INTEGER NOT NULL,
		updated_at INTEGER NOT NULL
	);
	-- seq is assigned at insert; SQLite has one writer at a time, so seq order is commit order.
	CREATE TABLE doc_updates (
		seq INTEGER PRIMARY KEY AUTOINCREMENT,
		name TEXT NOT NULL,
		data BLOB NOT NULL
	);
	CREATE INDEX doc_updates_name_seq ON doc_updates(name, seq);
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
		created_at INTEGER NOT NULL
	);
	CREATE INDEX channels_workspace ON channels(workspace_id);
	CREATE TABLE channel_contacts (
		channel_id TEXT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
		external_id TEXT NOT NULL,
		contact_id TEXT NOT NULL,
		created_at INTEGER NOT NULL,
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
		next_at INTEGER NOT NULL,
		lease_until INTEGER NOT NULL DEFAULT 0,
		last_error TEXT,
		created_at INTEGER NOT NULL,
		finished_at INTEGER
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
		size INTEGER NOT NULL,
		uploaded_by TEXT NOT NULL,
		created_at INTEGER NOT NULL
	);
	CREATE INDEX files_sha256 ON files(sha256);
	`
];

export function openSqliteDatabase(file: string): Database.Database {
	const db = new Database(file);
	for (const pragma of PRAGMAS) db.pragma(pragma);
	const userVersion = () => db.pragma('user_version', { simple: true }) as number;
	while (userVersion() < MIGRATIONS.length) {
		// Re-read inside the write lock: another process may have migrated meanwhile.
		db.transaction(() => {
			const version = userVersion();
			if (version >= MIGRATIONS.length) return;
			db.exec(MIGRATIONS[version] ?? '');
			db.pragma(`user_version = ${version + 1}`);
		}).immediate();
	}
	return db;
}
