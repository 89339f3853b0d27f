// The one storage interface the rest of the server sees. SQLite (default) and PostgreSQL
// implement it; nothing outside server/storage knows which one is running.
//
// Accounts (users, sessions, workspaces, memberships) live in plain tables. Yjs documents
// live as a snapshot plus an append-only log of updates: appending is cheap and can happen
// before the client is acknowledged; compaction folds the log into the snapshot later.
//
// Channels (secrets, outbound URLs, sender → contact links) and the delivery outbox are
// plain tables too: they must never reach a document, and the outbox must survive restarts.
import type { ChannelType } from '../../shared/schemas/contact.ts';

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

/** A channel's server-side half: the public record (name, window) is in the workspace document. */
export type StoredChannel = {
	id: string;
	workspaceId: string;
	type: ChannelType;
	/** The HMAC key of both webhook directions. Never written to a document. */
	secret: string;
	outboundUrl: string | null;
	createdAt: number;
};

/** A queued outgoing message the server owes a channel: one row per message and attempt. */
export type OutboxDelivery = {
	/** Stable across retries of this attempt; providers deduplicate by it. */
	id: string;
	workspaceId: string;
	contactId: string;
	messageId: string;
	attempt: number;
	state: 'pending' | 'done';
	/** Set once the delivery was resolved to a channel; status reports must come from it. */
	channelId: string | null;
	/** POSTs made so far. */
	tries: number;
	nextAt: number;
	lastError: string | null;
};

export interface ChannelStore {
	/** `id` is generated when omitted. */
	createChannel(input: Omit<StoredChannel, 'id' | 'createdAt'> & { id?: string }): Promise<StoredChannel>;
	getChannel(id: string): Promise<StoredChannel | null>;
	listChannels(workspaceId: string): Promise<StoredChannel[]>;
	updateChannel(id: string, changes: { outboundUrl?: string | null; secret?: string }): Promise<StoredChannel | null>;
	/** Deletes the channel and its contact links. */
	deleteChannel(id: string): Promise<boolean>;
	/**
	 * The contact a provider's sender maps to. Atomic: concurrent first messages of one sender
	 * all get the contact id of the one insert that won (`created` for that one only).
	 */
	linkChannelContact(channelId: string, externalId: string, contactId: string): Promise<{ contactId: string; created: boolean }>;
	/** The channel and provider id a contact was linked with (the earliest link). */
	findContactLink(workspaceId: string, contactId: string): Promise<{ channelId: string; externalId: string } | null>;

	/**
	 * Records a delivery the server owes, unless a row with its id exists (pending or done).
	 * Synchronous when `appendIsSynchronous`, like `appendUpdate`: called inside the document
	 * update, so the row is on disk before the client's change is acknowledged.
	 */
	enqueueDelivery(delivery: Pick<OutboxDelivery, 'id' | 'workspaceId' | 'contactId' | 'messageId' | 'attempt' | 'nextAt'>): void | Promise<void>;
	getDelivery(id: string): Promise<OutboxDelivery | null>;
	/** Pending rows due at `now` whose lease has expired, oldest due first. */
	dueDeliveries(now: number, limit: number): Promise<OutboxDelivery[]>;
	/** When the next pending row can be taken (its `nextAt`, or its lease's end if later), or null. */
	nextDeliveryDue(): Promise<number | null>;
	/** Takes a pending row for `leaseMs` unless another worker holds it; null when taken or done. */
	claimDelivery(id: string, now: number, leaseMs: number): Promise<OutboxDelivery | null>;
	/** Records a failed try: the row stays pending until `nextAt`; the lease is released. */
	retryDeliveryLater(id: string, update: { tries: number; nextAt: number; lastError: string; channelId: string | null }): Promise<void>;
	/** Marks the row done for good (sent, failed or nothing left to do). */
	finishDelivery(id: string, update: { tries: number; lastError: string | null; channelId: string | null }): Promise<void>;
	/** Deletes a row whose message is not (yet) in the document, so it can be queued again. */
	forgetDelivery(id: string): Promise<void>;
}

/**
 * An uploaded or fetched file's metadata. The bytes are in DATA_DIR/files under their sha256
 * (content-addressed, shared by every row with that content); the row says which workspace may
 * read them, under which name and checked type (docs/files.md).
 */
export type StoredFile = {
	id: string;
	workspaceId: string;
	sha256: string;
	name: string;
	/** The type the content was checked to be, not the one the uploader claimed. */
	mime: string;
	size: number;
	/** Who brought it in: `user:{id}`, `visitor:{id}` or `channel:{id}`. */
	uploadedBy: string;
	createdAt: number;
};

export interface FileMetaStore {
	/** Records a file unless a row with its id exists; answers the stored row either way. */
	saveFile(file: Omit<StoredFile, 'createdAt'>): Promise<StoredFile>;
	getFile(id: string): Promise<StoredFile | null>;
}

export interface Storage extends AccountStore, DocumentStore, ChannelStore, FileMetaStore {
	readonly kind: 'sqlite' | 'postgres';
	/** Waits for in-flight writes and compactions, then closes the database. */
	close(): Promise<void>;
}
