// The one storage interface the rest of the server sees. SQLite (default) and PostgreSQL
// implement it; nothing outside server/storage knows which one is running.
//
// Accounts (users, sessions, workspaces, memberships) live in plain tables. Yjs documents
// live as a snapshot plus an append-only log of updates: appending is cheap and can happen
// before the client is acknowledged; compaction folds the log into the snapshot later.

export type Role = 'owner' | 'agent';

export type User = { id: string; email: string; name: string };
export type UserWithPassword = User & { passwordHash: string };
export type Workspace = { id: string; name: string };
export type WorkspaceMembership = Workspace & { role: Role };
export type Session = { userId: string; expiresAt: number };

export type StoredDocument = {
	/** Full state as a V1 update, or null when the document was never compacted. */
	snapshot: Uint8Array | null;
	/** V1 updates appended after the snapshot, in append order. */
	updates: Uint8Array[];
};

export type CompactionResult = {
	/** Update rows folded into the snapshot (0: nothing to do, or another compaction won). */
	compactedUpdates: number;
	snapshotBytes: number;
};

export interface AccountStore {
	/** `id` is generated when omitted. Emails are stored lower-cased and are unique. */
	createUser(input: { id?: string; email: string; name: string; passwordHash: string }): Promise<User>;
	findUserByEmail(email: string): Promise<UserWithPassword | null>;
	getUser(id: string): Promise<User | null>;
	countUsers(): Promise<number>;

	/** Sessions are stored by the sha256 of their token, never the token itself. */
	createSession(tokenHash: string, session: Session): Promise<void>;
	/** Expired sessions read as null (and are deleted). */
	findSession(tokenHash: string): Promise<Session | null>;
	deleteSession(tokenHash: string): Promise<void>;

	createWorkspace(input: { id?: string; name: string }): Promise<Workspace>;
	addMembership(workspaceId: string, userId: string, role: Role): Promise<void>;
	listMemberships(userId: string): Promise<WorkspaceMembership[]>;
	getRole(workspaceId: string, userId: string): Promise<Role | null>;
}

export interface DocumentStore {
	/**
	 * True when `appendUpdate` has the row written (surviving a kill of this process) by the
	 * time it returns; false when it returns a promise and durability follows later.
	 */
	readonly appendIsSynchronous: boolean;
	/** Snapshot and pending updates, read in one transaction so a compaction can't split them. */
	loadDocument(name: string): Promise<StoredDocument>;
	/** Appends one update to the document's log. Throws (or rejects) when the write failed. */
	appendUpdate(name: string, update: Uint8Array): void | Promise<void>;
	/** Number of update rows not yet folded into the snapshot. */
	pendingUpdateCount(name: string): Promise<number>;
	/**
	 * Folds the update log into the snapshot off the event loop: the new snapshot is written
	 * and the folded rows deleted in one transaction, so a crash leaves either state whole.
	 */
	compactDocument(name: string): Promise<CompactionResult>;
	/** Names of all stored documents (tests and maintenance). */
	listDocuments(): Promise<string[]>;
}

export interface Storage extends AccountStore, DocumentStore {
	readonly kind: 'sqlite' | 'postgres';
	/** Waits for in-flight writes and compactions, then closes the database. */
	close(): Promise<void>;
}
