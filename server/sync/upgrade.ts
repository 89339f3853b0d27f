// The only way onto /sync. Path, Origin and session are checked on the raw HTTP upgrade
// request, before a websocket exists: a refused client gets a plain HTTP status and a
// closed socket, and Hocuspocus never sees a byte from it. That is also our fix for
// GHSA-xwhh-v746-pj9m (Hocuspocus 3.4 queues an unauthenticated socket's messages without
// limit): no unauthenticated socket ever reaches it.
import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Hocuspocus } from '@hocuspocus/server';
import { WebSocketServer, type WebSocket } from 'ws';
import { readCookie } from '../auth/cookies.ts';
import { SESSION_COOKIE, resolveSession } from '../auth/sessions.ts';
import type { Logger } from '../log.ts';
import type { Storage } from '../storage/types.ts';
import type { SocketContext } from './context.ts';
import { isAllowedOrigin } from '../auth/origin-check.ts';
import { TokenBucket } from './rate-limit.ts';
import type { SocketRegistry } from './socket-registry.ts';

export const SYNC_PATH = '/sync';

/** Policy violation: what a socket that floods us is closed with. */
const RATE_LIMIT_CLOSE_CODE = 1008;

export type UpgradeOptions = {
	hocuspocus: Hocuspocus;
	storage: Storage;
	sockets: SocketRegistry;
	log: Logger;
	maxPayload: number;
	appOrigin: string | undefined;
	ratePerSecond: number;
	rateBurst: number;
};

export type UpgradeHandler = ((request: IncomingMessage, socket: Duplex, head: Buffer) => void) & {
	close(): void;
};

/** Answers the upgrade with an HTTP status instead of a websocket. */
function refuse(socket: Duplex, status: number) {
	if (socket.destroyed) return;
	const body = `${STATUS_CODES[status] ?? 'Error'}\n`;
	socket.once('finish', () => socket.destroy());
	socket.end(
		`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
	);
}

export function createUpgradeHandler(options: UpgradeOptions): UpgradeHandler {
	const { hocuspocus, storage, sockets, log } = options;
	// noServer: we own the http.Server and decide per request. maxPayload: a bigger frame
	// closes that socket with 1009 (ws emits 'error' on it, handled below).
	const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload });

	function accept(ws: WebSocket, request: IncomingMessage, context: SocketContext) {
		// Without an 'error' listener an oversized or malformed frame crashes the process.
		ws.on('error', (error) => log.warn(`socket of ${context.user.email} closed: ${error.message}`));
		// Registered before Hocuspocus's listener, so a flood is cut off at the first message
		// over budget.
		const bucket = new TokenBucket(options.ratePerSecond, options.rateBurst);
		ws.on('message', () => {
			if (bucket.take() || ws.readyState !== ws.OPEN) return;
			log.warn(`socket of ${context.user.email} exceeded the message rate; closing it`);
			ws.close(RATE_LIMIT_CLOSE_CODE, 'message rate exceeded');
			// A flooding peer may not answer the close handshake; don't wait ws's 30 s for it.
			setTimeout(() => ws.terminate(), 1000).unref();
		});
		sockets.add(context.sessionHash, ws);
		hocuspocus.handleConnection(ws, request, context);
	}

	async function handle(request: IncomingMessage, socket: Duplex, head: Buffer) {
		// A client that resets mid-handshake must not crash the process.
		socket.on('error', () => socket.destroy());
		const path = new URL(request.url ?? '/', 'http://localhost').pathname;
		if (path !== SYNC_PATH) return refuse(socket, 404);
		if (!isAllowedOrigin(request, options.appOrigin)) return refuse(socket, 403);
		const session = await resolveSession(storage, readCookie(request, SESSION_COOKIE));
		if (!session) return refuse(socket, 401);
		if (socket.destroyed) return;
		const context: SocketContext = {
			user: session.user,
			sessionHash: session.tokenHash,
			sessionExpiresAt: session.expiresAt
		};
		wss.handleUpgrade(request, socket, head, (ws) => accept(ws, request, context));
	}

	const handler = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
		handle(request, socket, head).catch((error: unknown) => {
			log.error('upgrade failed', error);
			refuse(socket, 500);
		});
	};
	return Object.assign(handler, { close: () => wss.close() });
}
