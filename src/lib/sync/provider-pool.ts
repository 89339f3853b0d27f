import { HocuspocusProvider, type HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import type { LocalStore } from './local-store.ts';
import { Lru } from './lru.ts';

// Every open document: a Y.Doc loaded from IndexedDB first, then a HocuspocusProvider on the
// shared socket. Pinned documents (workspace, index shards, own agent doc) stay open; contact
// documents are kept in an LRU and the least recently used are closed (they stay in IndexedDB).

export interface PoolHooks {
	/** Any provider's sync state changed, or a document opened or closed. */
	onChange?: () => void;
	/** The server has applied every update this document sent (its `unsyncedChanges` hit 0). */
	onAcknowledged?: (name: string) => void;
	/** The server refused this document (no access, or the session ended). */
	onDenied?: (name: string, reason: string) => void;
	/** True while a document holds local changes the server has not acknowledged: never closed then. */
	isPending?: (name: string) => boolean;
}

export interface OpenOptions {
	/** Never closed by the LRU. */
	pinned?: boolean;
	/** Keep awareness on: at least one provider per socket needs it, or the idle socket is dropped. */
	awareness?: boolean;
}

interface Entry {
	doc: Y.Doc;
	ready: Promise<Y.Doc>;
	provider: HocuspocusProvider | null;
	stopPersisting: (() => void) | null;
	pinned: boolean;
	closed: boolean;
}

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
		let entry = this.#entries.get(name);
		if (!entry) {
			const doc = new Y.Doc();
			const created: Entry = {
				doc,
				ready: Promise.resolve(doc),
				provider: null,
				stopPersisting: null,
				pinned: false,
				closed: false
			};
			created.ready = this.#start(name, created, options.awareness === true);
			this.#entries.set(name, created);
			entry = created;
		}
		if (options.pinned) {
			entry.pinned = true;
			this.#lru.delete(name);
		} else if (!entry.pinned) {
			this.#lru.touch(name);
			this.#evictOverflow();
		}
		return entry.ready;
	}

	async #start(name: string, entry: Entry, awareness: boolean): Promise<Y.Doc> {
		await this.#store.load(name, entry.doc);
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

	/** The provider of an open document once attached (its awareness, its sync state). */
	provider(name: string): HocuspocusProvider | null {
		return this.#entries.get(name)?.provider ?? null;
	}

	/** Attached providers, for connection state. */
	providers(): HocuspocusProvider[] {
		const out: HocuspocusProvider[] = [];
		for (const entry of this.#entries.values()) if (entry.provider) out.push(entry.provider);
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
