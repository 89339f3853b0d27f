import { HocuspocusProvider, type HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import type { LocalStore } from './local-store.ts';
import { Lru } from './lru.ts';

// Every open document: a Y.Doc loaded from IndexedDB first, then a HocuspocusProvider on the
// shared socket. Pinned documents (workspace, index shards, own agent doc) stay open; contact
// documents are kept in an LRU and the least recently used are closed (they stay in IndexedDB).
// Prefetched documents are attached outside the LRU just long enough to sync into IndexedDB.

export interface PoolHooks {
	/** Any provider's sync state changed, or a document opened or closed. */
	onChange?: () => void;
	/** The server has applied every update this document sent (its `unsyncedChanges` hit 0). */
	onAcknowledged?: (name: string) => void;
	/** The server refused this document (no access, or the session ended). */
	onDenied?: (name: string, reason: string) => void;
	/** True while a document holds local changes the server has not acknowledged: never closed then. */
	isPending?: (name: string) => boolean;
	/**
	 * Opening (not prefetching) a document not in the pool: its loading waits for this, e.g. a
	 * view painting the stored head of a long conversation before its document is decoded.
	 */
	beforeLoad?: (name: string) => Promise<unknown> | undefined;
}

export interface OpenOptions {
	/** Never closed by the LRU. */
	pinned?: boolean;
	/** Keep awareness on: at least one provider per socket needs it, or the idle socket is dropped. */
	awareness?: boolean;
	/** Loading from IndexedDB waits for this (first paint goes first); the Y.Doc exists at once (`get`). */
	after?: Promise<unknown>;
}

interface Entry {
	doc: Y.Doc;
	ready: Promise<Y.Doc>;
	provider: HocuspocusProvider | null;
	stopPersisting: (() => void) | null;
	pinned: boolean;
	closed: boolean;
	awareness: boolean;
	/** Opened by prefetch only: outside the LRU, closed once synced, unless `open` claims it. */
	transient: boolean;
	/** Its stored state is applied. */
	loaded: boolean;
}

export type PrefetchResult = 'open' | 'synced' | 'failed';

export class ProviderPool {
	readonly #store: LocalStore;
	readonly #socket: HocuspocusProviderWebsocket;
	readonly #hooks: PoolHooks;
	readonly #capacity: number;
	readonly #entries = new Map<string, Entry>();
	readonly #lru = new Lru();

	constructor(store: LocalStore, socket: HocuspocusProviderWebsocket, hooks: PoolHooks = {}, contactCapacity = 50) {
		this.#store = store;
		this.#socket = socket;
		this.#hooks = hooks;
		this.#capacity = contactCapacity;
	}

	/** Opens (or returns) a document; resolves once its local state is loaded, before any network. */
	open(name: string, options: OpenOptions = {}): Promise<Y.Doc> {
		const awareness = options.awareness === true;
		let entry = this.#entries.get(name);
		// A prefetch without awareness cannot gain it (see contactDocs): start that one afresh.
		// What it received is stored (or about to be); the new provider's sync fills any gap.
		if (entry?.transient && awareness && !entry.awareness) {
			this.close(name);
			entry = undefined;
		}
		entry ??= this.#create(name, awareness, options.after ?? this.#hooks.beforeLoad?.(name));
		entry.transient = false;
		if (options.pinned) {
			entry.pinned = true;
			this.#lru.delete(name);
		} else if (!entry.pinned) {
			this.#lru.touch(name);
			this.#evictOverflow();
		}
		return entry.ready;
	}

	#create(name: string, awareness: boolean, after?: Promise<unknown>): Entry {
		const doc = new Y.Doc();
		const entry: Entry = {
			doc,
			ready: Promise.resolve(doc),
			provider: null,
			stopPersisting: null,
			pinned: false,
			closed: false,
			awareness,
			transient: false,
			loaded: false
		};
		entry.ready = after ? after.then(() => this.#start(name, entry, awareness)) : this.#start(name, entry, awareness);
		this.#entries.set(name, entry);
		return entry;
	}

	/**
	 * Brings a closed document up to date in IndexedDB without keeping it: it is attached outside
	 * the LRU (so it never pushes out a conversation in use), and closed once the server's state
	 * is synced and stored. `open` meanwhile turns it into an ordinary entry, which stays.
	 * A document already open is kept current by its provider: nothing to do.
	 */
	async prefetch(name: string, timeoutMs = 30_000): Promise<PrefetchResult> {
		if (this.#entries.has(name)) return 'open';
		const entry = this.#create(name, false);
		entry.transient = true;
		await entry.ready;
		const provider = entry.provider;
		const synced = provider !== null && !entry.closed && (await whenSynced(provider, timeoutMs));
		// Stored before it is closed, so a reader of IndexedDB (search, an offline open) has it.
		await this.#store.flush();
		if (entry.transient && !entry.closed) this.close(name);
		return synced ? 'synced' : 'failed';
	}

	async #start(name: string, entry: Entry, awareness: boolean): Promise<Y.Doc> {
		await this.#store.load(name, entry.doc);
		entry.loaded = true;
		if (entry.closed) return entry.doc;
		entry.stopPersisting = this.#store.persist(name, entry.doc);
		const provider = new HocuspocusProvider({
			websocketProvider: this.#socket,
			name,
			document: entry.doc,
			// The socket is authenticated by the session cookie at the upgrade; Hocuspocus still
			// wants a non-empty token per document.
			token: 'session',
			...(awareness ? {} : { awareness: null })
		});
		provider.on('unsyncedChanges', ({ number }: { number: number }) => {
			if (number === 0) this.#hooks.onAcknowledged?.(name);
			this.#hooks.onChange?.();
		});
		provider.on('synced', () => this.#hooks.onChange?.());
		provider.on('authenticationFailed', ({ reason }: { reason: string }) => this.#hooks.onDenied?.(name, reason));
		provider.attach();
		entry.provider = provider;
		this.#hooks.onChange?.();
		return entry.doc;
	}

	/** The loaded document, if open. */
	get(name: string): Y.Doc | undefined {
		return this.#entries.get(name)?.doc;
	}

	/** The document if open and its stored state applied (one still loading reads as empty). */
	loadedDoc(name: string): Y.Doc | undefined {
		const entry = this.#entries.get(name);
		return entry?.loaded && !entry.closed ? entry.doc : undefined;
	}

	/** Whether opening `name` now would be immediate: kept open (not just prefetching) and loaded. */
	isLoaded(name: string): boolean {
		const entry = this.#entries.get(name);
		return entry !== undefined && entry.loaded && !entry.transient && !entry.closed;
	}

	/** The provider of an open document once attached (its awareness, its sync state). */
	provider(name: string): HocuspocusProvider | null {
		return this.#entries.get(name)?.provider ?? null;
	}

	/** Attached providers, for connection state; a background prefetch is not "syncing" for the user. */
	providers(): HocuspocusProvider[] {
		const out: HocuspocusProvider[] = [];
		for (const entry of this.#entries.values()) if (entry.provider && !entry.transient) out.push(entry.provider);
		return out;
	}

	get size(): number {
		return this.#entries.size;
	}

	#evictOverflow(): void {
		let excess = this.#lru.size - this.#capacity;
		for (const name of this.#lru.names()) {
			if (excess <= 0) break;
			// A document still sending local changes stays open, or they would wait until reopened.
			const provider = this.#entries.get(name)?.provider;
			if (provider?.hasUnsyncedChanges || this.#hooks.isPending?.(name)) continue;
			this.close(name);
			excess--;
		}
	}

	/** Detaches and forgets a document; its updates are already in IndexedDB. */
	close(name: string): void {
		const entry = this.#entries.get(name);
		if (!entry) return;
		entry.closed = true;
		this.#entries.delete(name);
		this.#lru.delete(name);
		entry.provider?.destroy();
		entry.stopPersisting?.();
		entry.doc.destroy();
		this.#hooks.onChange?.();
	}

	/** Closes everything and the socket; pending local writes are flushed first. */
	async destroy(): Promise<void> {
		for (const name of [...this.#entries.keys()]) this.close(name);
		this.#socket.destroy();
		await this.#store.flush();
	}
}

/** True once the provider has synced, false if it has not within `timeoutMs` or is destroyed first. */
function whenSynced(provider: HocuspocusProvider, timeoutMs: number): Promise<boolean> {
	if (provider.isSynced) return Promise.resolve(true);
	return new Promise((resolve) => {
		const finish = (synced: boolean) => {
			clearTimeout(timer);
			provider.off('synced', onSynced);
			provider.off('destroy', onDestroy);
			resolve(synced);
		};
		const onSynced = () => finish(true);
		const onDestroy = () => finish(false);
		const timer = setTimeout(() => finish(false), timeoutMs);
		provider.on('synced', onSynced);
		provider.on('destroy', onDestroy);
	});
}
