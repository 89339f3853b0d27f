import type { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';

// What the sync indicator shows. `offline`: the socket is not connected (server down, no network);
// `syncing`: connected, but some document has not finished its first sync or has updates the
// server has not acknowledged; `online`: all caught up. `waiting` counts the user's own actions
// not yet acknowledged, and keeps counting across an offline reload (see pending.ts).

export type ConnectionStatus = 'online' | 'offline' | 'syncing';

export interface ConnectionSources {
	socket: HocuspocusProviderWebsocket;
	providers: () => HocuspocusProvider[];
	waiting: () => number;
	/** Documents still loading from IndexedDB (they have no provider yet): not caught up either. */
	loading?: () => boolean;
}

export class ConnectionState {
	#connected = $state(false);
	#unsynced = $state(0);
	#waiting = $state(0);
	readonly #sources: ConnectionSources;
	#scheduled = false;
	readonly #onStatus = ({ status }: { status: string }) => {
		this.#connected = status === 'connected';
		this.refresh();
	};

	constructor(sources: ConnectionSources) {
		this.#sources = sources;
		this.#connected = sources.socket.status === 'connected';
		sources.socket.on('status', this.#onStatus);
	}

	get status(): ConnectionStatus {
		if (!this.#connected) return 'offline';
		return this.#unsynced > 0 || this.#waiting > 0 ? 'syncing' : 'online';
	}

	/** The user's actions the server has not acknowledged. */
	get waiting(): number {
		return this.#waiting;
	}

	/** Recounts from the sources; many provider events in one task cost one recount. */
	refresh(): void {
		if (this.#scheduled) return;
		this.#scheduled = true;
		queueMicrotask(() => {
			this.#scheduled = false;
			let unsynced = 0;
			for (const provider of this.#sources.providers()) {
				if (!provider.isSynced || provider.hasUnsyncedChanges) unsynced++;
			}
			this.#unsynced = unsynced + (this.#sources.loading?.() ? 1 : 0);
			this.#waiting = this.#sources.waiting();
		});
	}

	destroy(): void {
		this.#sources.socket.off('status', this.#onStatus);
	}
}
