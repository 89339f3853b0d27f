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
	/**
	 * Resolve before the 64 index shards are loaded, which waits for `loadIndex()`: for a caller
	 * that shows the list from a snapshot first (rows-snapshot.ts). With 50,000 contacts,
	 * rebuilding the shards' Y.Docs takes over a second of main thread.
	 */
	deferIndex?: boolean;
	/** Opening a document not loaded yet waits for this first (see PoolHooks.beforeLoad). */
	beforeLoad?: (name: string) => Promise<unknown> | undefined;
}

/** After the next frame is painted (a task queued from requestAnimationFrame); at once without a DOM. */
export function afterNextPaint(): Promise<void> {
	if (typeof requestAnimationFrame !== 'function') return Promise.resolve();
	return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** A task boundary: input and rendering get their turn between two shards. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class WorkspaceClient {
	readonly workspaceId: string;
	readonly userId: string;
	readonly pool: ProviderPool;
	readonly connection: ConnectionState;
	readonly #pending: PendingActions;
	readonly #store: LocalStore;
	#workspaceDoc: Y.Doc | null = null;
	#indexDocs: Y.Doc[] = [];
	#indexLoads: Promise<Y.Doc>[] = [];
	#indexReady: Promise<unknown> = Promise.resolve();
	#startIndex: () => void = () => {};
	#indexLoading = true;
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
				isPending: (name) => this.#pending.has(name),
				beforeLoad: options.beforeLoad
			},
			options.contactCapacity
		);
		this.connection = new ConnectionState({
			socket,
			providers: () => this.pool.providers(),
			waiting: () => this.#pending.count,
			loading: () => this.#indexLoading
		});
	}

	static async open(workspaceId: string, userId: string, options: WorkspaceClientOptions = {}): Promise<WorkspaceClient> {
		const client = new WorkspaceClient(workspaceId, userId, options);
		await client.#pending.load();
		const pool = client.pool;
		const names = indexDocNames(workspaceId);
		if (options.deferIndex) {
			// One shard per task, in order, once loadIndex() is called: each is a short task
			// (a read and one applyUpdate) instead of one long one for all 64.
			let after = new Promise<void>((resolve) => (client.#startIndex = resolve));
			client.#indexLoads = names.map((name) => {
				const loaded = pool.open(name, { pinned: true, after });
				after = loaded.then(nextTask);
				return loaded;
			});
		} else {
			client.#indexLoads = names.map((name) => pool.open(name, { pinned: true }));
		}
		client.#indexReady = Promise.all(client.#indexLoads);
		void client.#indexReady.then(() => {
			client.#indexLoading = false;
			client.connection.refresh();
		});
		// The documents exist at once; with `deferIndex` they fill in later.
		client.#indexDocs = names.map((name) => pool.get(name) as Y.Doc);
		const [workspaceDoc, agentDoc] = await Promise.all([
			// Awareness stays on here: Hocuspocus 3.4 drops a socket with none every ~30 s.
			pool.open(workspaceDocName(workspaceId), { pinned: true, awareness: true }),
			pool.open(agentDocName(workspaceId, userId), { pinned: true }),
			options.deferIndex ? null : client.#indexReady
		]);
		client.#workspaceDoc = workspaceDoc ?? null;
		client.#agentDoc = agentDoc ?? null;
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

	/** The 64 index shards, in shard order (with `deferIndex`, possibly still loading: see indexReady). */
	get indexDocs(): readonly Y.Doc[] {
		return this.#indexDocs;
	}

	/** Starts loading the index shards of a client opened with `deferIndex` (after the first paint). */
	loadIndex(): void {
		this.#startIndex();
	}

	/** Per shard, in shard order: resolves once it is loaded from IndexedDB. */
	get indexLoads(): readonly Promise<unknown>[] {
		return this.#indexLoads;
	}

	/** Resolves once every index shard is loaded from IndexedDB. */
	get indexReady(): Promise<unknown> {
		return this.#indexReady;
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
		// Actions read and write the index row: never against a shard still loading.
		const [contact] = await Promise.all([
			this.pool.open(this.contactDocName(contactId), { awareness: true }),
			this.#indexLoads[shardOf(contactId)]
		]);
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
