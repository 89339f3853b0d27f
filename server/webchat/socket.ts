// The visitor's websocket at /api/webchat/socket: its own `ws` server beside Hocuspocus's, so
// a visitor never reaches the document sync. The chat page (and so its socket) is on the
// app's origin even when embedded in another site, so the Origin check is the app's; the
// visitor authenticates inside the socket with its token (first frame), not with a cookie,
// which an iframe on another site would not send.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { WEBCHAT_SOCKET_PATH } from '../../shared/schemas/webchat.ts';
import { isAllowedOrigin } from '../auth/origin-check.ts';
import type { Logger } from '../log.ts';
import { VisitorConnection } from './visitor-connection.ts';
import type { WebchatService } from './webchat-service.ts';

/** A visitor frame is small: a message of at most 4,000 characters and a few file ids. */
const MAX_FRAME_BYTES = 64 * 1024;
/** Sockets that go quiet (a closed laptop) are found by pings and closed. */
const PING_INTERVAL_MS = 30_000;

export type WebchatSockets = {
	/** Takes the upgrade if it is for the visitor socket; false leaves it to the next handler. */
	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	close(): void;
};

export function webchatSockets(service: WebchatService, appOrigin: string | undefined, log: Logger): WebchatSockets {
	const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
	const alive = new WeakSet<object>();
	const pinger = setInterval(() => {
		for (const ws of wss.clients) {
			if (!alive.has(ws)) {
				ws.terminate();
				continue;
			}
			alive.delete(ws);
			ws.ping();
		}
	}, PING_INTERVAL_MS);
	pinger.unref();

	return {
		handleUpgrade(request, socket, head) {
			const path = new URL(request.url ?? '/', 'http://localhost').pathname;
			if (path !== WEBCHAT_SOCKET_PATH) return false;
			socket.on('error', () => socket.destroy());
			if (!isAllowedOrigin(request, appOrigin)) {
				socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
				return true;
			}
			wss.handleUpgrade(request, socket, head, (ws) => {
				alive.add(ws);
				ws.on('pong', () => alive.add(ws));
				new VisitorConnection(ws, service, log);
			});
			return true;
		},
		close() {
			clearInterval(pinger);
			for (const ws of wss.clients) ws.close(1001, 'server stopping');
			wss.close();
		}
	};
}
