import type * as Y from 'yjs';
import { indexDocNames } from '$shared/doc/index.ts';
import type { ContactSummary } from '$shared/schemas/index.ts';
import type { SwitchboardDb } from './db.ts';
import { localLoadOrigin } from './origins.ts';
import { DEFAULT_PICK, pickContacts, rowFingerprint, type PickOptions } from './prefetch-pick.ts';
import type { WorkspaceClient } from './workspace-client.ts';

// Keeps this agent's assigned and most recent conversations on the device, so they open, and
// their messages are found by search, with no network. Once the index shards are synced (at
// start, after every reconnect, and a while after the list changes), the picked contacts whose
// row moved since their document was last synced here are synced into IndexedDB a few at a
// time in idle time, and detached again (ProviderPool.prefetch). The search index is fed by
// the stored updates (search-index-feed.ts), so it needs nothing from here.

export interface PrefetchOptions {
	pick?: PickOptions;
	/** Documents syncing at once. */
	concurrency?: number;
	/** Wait after the index syncs or first changes before looking again: first paint and bursts go first. */
	settleMs?: number;
	/** A document that has not synced by then is left for the next round. */
	timeoutMs?: number;
	/** Waits for the page to be idle before each document. */
	idle?: () => Promise<void>;
}

const idleCallback = (): Promise<void> =>
	new Promise((resolve) => {
		if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 2000 });
		else setTimeout(resolve, 0);
	});

export class ContactPrefetch {
	readonly #client: WorkspaceClient;
	readonly #rows: () => readonly ContactSummary[];
	readonly #db: SwitchboardDb;
	readonly #options: Required<PrefetchOptions>;
	readonly #key: string;
	readonly #shardNames: string[];
	/** Contact id → the row's fingerprint when its document was last synced into IndexedDB. */
	#fingerprints = new Map<string, string>();
	readonly #loaded: Promise<void>;
	#running: Promise<void> | null = null;
	#again = false;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#stopped = false;
	readonly #unsubscribe: (() => void)[] = [];

	constructor(client: WorkspaceClient, rows: () => readonly ContactSummary[], db: SwitchboardDb, options: PrefetchOptions = {}) {
		this.#client = client;
		this.#rows = rows;
		this.#db = db;
		this.#options = {
			pick: options.pick ?? DEFAULT_PICK,
			concurrency: options.concurrency ?? 3,
			settleMs: options.settleMs ?? 2000,
			timeoutMs: options.timeoutMs ?? 30_000,
			idle: options.idle ?? idleCallback
		};
		this.#key = `prefetched:${client.workspaceId}:${client.userId}`;
		this.#shardNames = indexDocNames(client.workspaceId);
		this.#loaded = this.#load();
		const later = () => this.#schedule();
		const onUpdate = (_update: Uint8Array, origin: unknown) => {
			if (origin !== localLoadOrigin) this.#schedule();
		};
		// The shards' providers exist once the shards are loaded (they may load after first paint).
		void client.indexReady.then(() => {
			if (this.#stopped) return;
			client.indexDocs.forEach((doc: Y.Doc, shard) => {
				const provider = client.pool.provider(this.#shardNames[shard] ?? '');
				provider?.on('synced', later);
				doc.on('update', onUpdate);
				this.#unsubscribe.push(() => {
					provider?.off('synced', later);
					doc.off('update', onUpdate);
				});
			});
			if (this.#online()) this.#schedule();
		});
	}

	/** Every index shard synced: the rows are the server's, and the socket is up. */
	#online(): boolean {
		const pool = this.#client.pool;
		return this.#shardNames.every((name) => pool.provider(name)?.isSynced === true);
	}

	#schedule(): void {
		// Not reset by later changes: with messages arriving every second, a round still starts.
		if (this.#stopped || this.#timer !== null) return;
		this.#timer = setTimeout(() => {
			this.#timer = null;
			this.#kick();
		}, this.#options.settleMs);
	}

	#kick(): void {
		if (this.#running) {
			this.#again = true;
			return;
		}
		this.#running = this.#round()
			.catch((error: unknown) => console.error('switchboard: prefetching conversations failed', error))
			.finally(() => {
				this.#running = null;
				if (this.#again && !this.#stopped) {
					this.#again = false;
					this.#kick();
				}
			});
	}

	async #round(): Promise<void> {
		await this.#loaded;
		if (this.#stopped || !this.#online()) return;
		const picked = pickContacts(this.#rows(), this.#client.userId, this.#options.pick);
		const queue = picked.filter((row) => this.#fingerprints.get(row.id) !== rowFingerprint(row));
		let fetched = 0;
		const worker = async () => {
			for (let row = queue.shift(); row; row = queue.shift()) {
				// Offline again: the next sync of the shards starts a new round.
				if (this.#stopped || !this.#online()) return;
				await this.#options.idle();
				const fingerprint = rowFingerprint(row);
				const result = await this.#client.pool.prefetch(this.#client.contactDocName(row.id), this.#options.timeoutMs);
				if (result === 'failed') continue;
				this.#fingerprints.set(row.id, fingerprint);
				fetched++;
			}
		};
		await Promise.all(Array.from({ length: this.#options.concurrency }, worker));
		if (fetched === 0 || this.#stopped) return;
		// Only what is picked now matters: a contact that drops out and comes back has a new row.
		const keep = new Set(picked.map((row) => row.id));
		for (const id of this.#fingerprints.keys()) if (!keep.has(id)) this.#fingerprints.delete(id);
		await this.#db.meta.put({ key: this.#key, value: Object.fromEntries(this.#fingerprints) });
	}

	/** The fingerprints of the last session, for documents still stored (log-out deletes them). */
	async #load(): Promise<void> {
		try {
			const row = await this.#db.meta.get(this.#key);
			const saved = row?.value && typeof row.value === 'object' ? (row.value as Record<string, unknown>) : {};
			const prefix = this.#client.contactDocName('');
			const stored = new Set((await this.#db.updates.where('doc').startsWith(prefix).uniqueKeys()) as string[]);
			for (const [id, fingerprint] of Object.entries(saved)) {
				if (typeof fingerprint === 'string' && stored.has(prefix + id)) this.#fingerprints.set(id, fingerprint);
			}
		} catch (error) {
			// Without them everything picked is fetched once more: slower, still right.
			console.error('switchboard: could not read what was prefetched before', error);
		}
	}

	destroy(): void {
		this.#stopped = true;
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
		for (const off of this.#unsubscribe) off();
	}
}
