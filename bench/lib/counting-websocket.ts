// The provider constructs its socket as `new WebSocketPolyfill(url)`, with no way to pass
// headers or watch the wire. This makes such a class: it sends the given headers (the session
// cookie and Origin our server checks at the upgrade) and counts what arrives.
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import WebSocket from 'ws';

export interface ByteCounter {
	/** Websocket message payloads received. */
	payloadBytes: number;
	/** Bytes read from the TCP socket after the upgrade: frames with their headers. */
	frameBytes: number;
	messages: number;
}

export const newByteCounter = (): ByteCounter => ({ payloadBytes: 0, frameBytes: 0, messages: 0 });

const byteLength = (data: WebSocket.RawData) =>
	Array.isArray(data) ? data.reduce((sum, part) => sum + part.length, 0) : data instanceof ArrayBuffer ? data.byteLength : data.length;

export function webSocketClass(options: { headers?: Record<string, string>; counter?: ByteCounter } = {}) {
	const { headers, counter } = options;
	return class BenchWebSocket extends WebSocket {
		constructor(url: string | URL) {
			// No compression offer: the wire bytes should be the protocol's, whatever the server allows.
			super(url, { headers, perMessageDeflate: false });
			// A close during the handshake is an 'error' event in `ws`; the provider has
			// removed its listeners by then, so without this it would be uncaught.
			this.on('error', () => {});
			if (!counter) return;
			this.on('message', (data) => {
				counter.messages++;
				counter.payloadBytes += byteLength(data);
			});
			// The server speaks only after the client's first message, so nothing but frames
			// arrives on the socket after the upgrade response.
			this.on('upgrade', (response: IncomingMessage) => {
				(response.socket as Socket).on('data', (chunk: Buffer) => {
					counter.frameBytes += chunk.length;
				});
			});
		}
	};
}
