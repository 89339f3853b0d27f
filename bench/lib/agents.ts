// Real Hocuspocus providers in Node, one websocket per simulated agent (as each browser has
// its own), many documents per socket (as the app multiplexes them).
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { webSocketClass, type ByteCounter } from './counting-websocket';

export interface BenchSocket {
	socket: HocuspocusProviderWebsocket;
	providers: HocuspocusProvider[];
	/** Opens `name` on this socket; resolves when its first sync is complete. */
	open(name: string, options?: { awareness?: boolean; timeoutMs?: number }): Promise<HocuspocusProvider>;
	close(): void;
}

export function connectSocket(url: string, options: { headers?: Record<string, string>; counter?: ByteCounter } = {}): BenchSocket {
	const socket = new HocuspocusProviderWebsocket({
		url,
		WebSocketPolyfill: webSocketClass(options),
		// A benchmark that silently reconnects measures the wrong thing: fail instead.
		maxAttempts: 1
	});
	const providers: HocuspocusProvider[] = [];
	return {
		socket,
		providers,
		open(name, { awareness = true, timeoutMs = 60_000 } = {}) {
			const provider = new HocuspocusProvider({
				websocketProvider: socket,
				name,
				document: new Y.Doc(),
				// Our server authenticates the socket by its cookie; the token only satisfies
				// the protocol (the bare server accepts anything).
				token: 'bench',
				...(awareness ? {} : { awareness: null })
			});
			provider.attach();
			providers.push(provider);
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`${name} not synced after ${timeoutMs} ms`)), timeoutMs);
				const done = () => {
					clearTimeout(timer);
					resolve(provider);
				};
				if (provider.isSynced) done();
				else provider.on('synced', done);
				provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
					clearTimeout(timer);
					reject(new Error(`${name}: authentication failed (${reason})`));
				});
			});
		},
		close() {
			for (const provider of providers) provider.destroy();
			socket.destroy();
		}
	};
}
