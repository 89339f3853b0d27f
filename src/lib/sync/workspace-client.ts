import type * as Y from 'yjs';
import {
	agentDocName,
	contactDocName,
	indexDocName,
	indexDocNames,
	shardOf,
	workspaceDocName
} from '$shared/doc/index.ts';
import { appDb } from './app-db.ts';
import { ConnectionState } from './connection-state.svelte.ts';
import type { SwitchboardDb } from './db.ts';
import { LocalStore } from './local-store.ts';
import { PendingActions } from './pending.ts';
import { ProviderPool } from './provider-pool.ts';
import { createSocket } from './socket.ts';

// One agent's view of one workspace: the documents it always holds (workspace, 64 index shards,
// its own agent document), contact documents on demand, the socket, and the connection state.
// Opening resolves once every pinned document is loaded from IndexedDB, before any network.

export interface ContactDocPair {
	index: Y.Doc;
	contact: Y.Doc;
}

export interface WorkspaceClientOptions {
	db?: SwitchboardDb;
	socketUrl?: string;
	contactCapacity?: number;
	/** The server refused a document: usually the session ended. */
	onDenied?: (name: string, reason: string) => void;
}

export class WorkspaceClient {
	readonly workspaceId: string;
	readonly userId: string;
	readonly pool: ProviderPool;
	readonly connection: ConnectionState;
	readonly #pending: PendingActions;
	readonly #store: LocalStore;
	#workspaceDoc: Y.Doc | null = null;
	#indexDocs: Y.Doc[] = [];
	#agentDoc: Y.Doc | null = null;

	private constructor(workspaceId: string, userId: string, options: WorkspaceClientOptions) {
		this.workspaceId = workspaceId;
		this.userId = userId;
		const db = options.db ?? appDb();
		this.#store = new LocalStore(db);
		this.#pending = new PendingActions(db, `${workspaceId}:${userId}`, () => this.connection?.refresh());
		const socket = createSocket(options.socketUrl);
		this.pool = new ProviderPool(
			this.#store,
			socket,
			{
				onChange: () => this.connection?.refresh(),
				onAcknowledged: (name) => this.#pending.acknowledge(name),
				onDenied: options.onDenied,
				isPending: (name) => this.#pending.has(name)
			},
			options.contactCapacity
		);
		this.connection = new ConnectionState({
			socket,
			providers: () => this.pool.providers(),
			waiting: () => this.#pending.count
		});
	}

	static async open(workspaceId: string, userId: string, options: WorkspaceClientOptions = {}): Promise<WorkspaceClient> {
		const client = new WorkspaceClient(workspaceId, userId, options);
		await client.#pending.load();
		const pool = client.pool;
		const [workspaceDoc, agentDoc, ...indexDocs] = await Promise.all([
			// Awareness stays on here: Hocuspocus 3.4 drops a socket with none every ~30 s.
			pool.open(workspaceDocName(workspaceId), { pinned: true, awareness: true }),
			pool.open(agentDocName(workspaceId, userId), { pinned: true }),
			...indexDocNames(workspaceId).map((name) => pool.open(name, { pinned: true }))
		]);
		client.#workspaceDoc = workspaceDoc ?? null;
		client.#agentDoc = agentDoc ?? null;
		client.#indexDocs = indexDocs;
		// Contact documents holding actions made offline must be attached to send them.
		// Awareness as for any contact document (see contactDocs); pinned ones are open already.
		for (const name of client.#pending.docs()) void pool.open(name, { awareness: true });
		return client;
	}

	get workspaceDoc(): Y.Doc {
		if (!this.#workspaceDoc) throw new Error('workspace client is not open');
		return this.#workspaceDoc;
	}

	get agentDoc(): Y.Doc {
		if (!this.#agentDoc) throw new Error('workspace client is not open');
		return this.#agentDoc;
	}

	/** The 64 index shards, in shard order. */
	get indexDocs(): readonly Y.Doc[] {
		return this.#indexDocs;
	}

	indexDoc(contactId: string): Y.Doc {
		const doc = this.#indexDocs[shardOf(contactId)];
		if (!doc) throw new Error('workspace client is not open');
		return doc;
	}

	indexDocName(contactId: string): string {
		return indexDocName(this.workspaceId, shardOf(contactId));
	}

	contactDocName(contactId: string): string {
		return contactDocName(this.workspaceId, contactId);
	}

	agentDocName(): string {
		return agentDocName(this.workspaceId, this.userId);
	}

	/**
	 * The contact's index shard and its own document (opened from IndexedDB if needed). Contact
	 * documents carry awareness: it is how agents see who else has a conversation open and who
	 * is typing in it. A provider cannot gain awareness later, so every contact opens with it.
	 */
	async contactDocs(contactId: string): Promise<ContactDocPair> {
		const contact = await this.pool.open(this.contactDocName(contactId), { awareness: true });
		return { index: this.indexDoc(contactId), contact };
	}

	/**
	 * When this user's oldest action on `docName` that the server has not acknowledged was made
	 * (kept across reloads), or null when the server has everything: what a view needs to tell
	 * a message still on this device from one already on the server.
	 */
	waitingSince(docName: string): number | null {
		return this.#pending.since(docName);
	}

	/** Counts a user action as waiting until the server acknowledges every document it changed. */
	recordAction(id: string, action: string, docs: string[]): void {
		if (docs.length === 0) return;
		this.#pending.add({ id, action, docs, at: Date.now() });
	}

	async destroy(): Promise<void> {
		this.connection.destroy();
		await this.pool.destroy();
		await this.#pending.settled();
	}
}
