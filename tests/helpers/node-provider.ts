// Real Hocuspocus providers in Node, the way the browser client uses them: one
// HocuspocusProviderWebsocket per agent, one attached HocuspocusProvider per document. Node
// has no cookie jar, so a `ws` WebSocket subclass sends the session cookie and Origin.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { waitUntil } from './test-server.ts';

export type ClientOptions = {
	url: string;
	cookie?: string;
	origin?: string;
};

/** A WebSocket class with fixed handshake headers, to pass as WebSocketPolyfill. */
export function webSocketWithHeaders(
	headers: Record<string, string>
): new (address: string | URL, protocols?: string | string[]) => WebSocket {
	return class HeaderWebSocket extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, { headers });
			// The provider removes its listeners before it closes a socket, and `ws` reports a
			// close during the handshake as an 'error' event: with no listener left, that would
			// be an uncaught exception. The provider learns of failures through 'close'.
			this.on('error', () => {});
		}
	};
}

export class TestClient {
	readonly socket: HocuspocusProviderWebsocket;
	readonly providers = new Map<string, HocuspocusProvider>();
	/** Reasons of permission-denied answers, by document name. */
	readonly denied = new Map<string, string>();

	constructor({ url, cookie, origin }: ClientOptions) {
		const headers: Record<string, string> = {};
		if (cookie) headers.Cookie = cookie;
		if (origin) headers.Origin = origin;
		this.socket = new HocuspocusProviderWebsocket({
			url,
			WebSocketPolyfill: webSocketWithHeaders(headers),
			// Reconnect quickly in tests (the default backoff starts at 1 s).
			delay: 100,
			minDelay: 100,
			maxDelay: 1000
		});
	}

	/** Opens (attaches) one document on the shared socket. */
	open(name: string, document = new Y.Doc()): HocuspocusProvider {
		const existing = this.providers.get(name);
		if (existing) return existing;
		const provider = new HocuspocusProvider({
			websocketProvider: this.socket,
			name,
			document,
			// Ignored by the server (the cookie authenticates the socket), but sent anyway.
			token: 'session-cookie',
			onAuthenticationFailed: ({ reason }) => this.denied.set(name, reason)
		});
		provider.attach();
		this.providers.set(name, provider);
		return provider;
	}

	doc(name: string): Y.Doc {
		const provider = this.providers.get(name);
		if (!provider) throw new Error(`${name} is not open`);
		return provider.document;
	}

	/** Waits until every open (not denied) document received the server's state. */
	async synced(names = [...this.providers.keys()], timeoutMs = 15_000) {
		await waitUntil(() => names.every((name) => this.providers.get(name)?.isSynced), {
			timeoutMs,
			what: `sync of ${names.length} documents`
		});
	}

	/** Waits until the server acknowledged every change (unsyncedChanges back to 0). */
	async acked(names = [...this.providers.keys()], timeoutMs = 15_000) {
		await waitUntil(() => names.every((name) => this.providers.get(name)?.unsyncedChanges === 0), {
			timeoutMs,
			what: `server acknowledgement on ${names.length} documents`
		});
	}

	async deniedReason(name: string, timeoutMs = 10_000): Promise<string> {
		return waitUntil(() => this.denied.get(name), { timeoutMs, what: `permission-denied for ${name}` });
	}

	destroy() {
		for (const provider of this.providers.values()) provider.destroy();
		this.providers.clear();
		this.socket.destroy();
	}
}

export type RawOutcome = { opened: true; socket: WebSocket } | { opened: false; status: number };

/** A bare websocket handshake: resolves with the open socket or the HTTP status it got. */
export function rawConnect(url: string, headers: Record<string, string> = {}): Promise<RawOutcome> {
	return new Promise((resolve, reject) => {
		const socket = new WebSocket(url, { headers });
		socket.once('open', () => resolve({ opened: true, socket }));
		socket.once('unexpected-response', (_request, response) => {
			resolve({ opened: false, status: response.statusCode ?? 0 });
			socket.terminate();
		});
		socket.once('error', (error) => reject(error));
	});
}

/** Resolves with the close code of a socket. */
export function closeCode(socket: WebSocket): Promise<number> {
	return new Promise((resolve) => {
		if (socket.readyState === WebSocket.CLOSED) resolve(-1);
		else socket.once('close', (code) => resolve(code));
	});
}

/** Hocuspocus wire format: varUint and varString, enough to hand-craft a message. */
export function encodeMessage(parts: Array<number | string>): Uint8Array {
	const bytes: number[] = [];
	const varUint = (value: number) => {
		while (value > 0x7f) {
			bytes.push((value & 0x7f) | 0x80);
			value >>>= 7;
		}
		bytes.push(value);
	};
	for (const part of parts) {
		if (typeof part === 'number') varUint(part);
		else {
			const utf8 = Buffer.from(part, 'utf8');
			varUint(utf8.length);
			bytes.push(...utf8);
		}
	}
	return Uint8Array.from(bytes);
}
