// Web chat, assembled: the visitor service (over the channels' InboundService and the file
// service), the visitor's HTTP routes and its websocket. server/index.ts wires it once
// Hocuspocus exists, and offers it the HTTP upgrades before the document sync does.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Hocuspocus } from '@hocuspocus/server';
import type { InboundAttachmentStore } from '../channels/inbound-attachments.ts';
import { InboundService } from '../channels/inbound.ts';
import type { FileService } from '../files/file-service.ts';
import type { Route } from '../http/router.ts';
import type { Logger } from '../log.ts';
import type { Storage } from '../storage/types.ts';
import { webchatSockets } from './socket.ts';
import { WebchatService } from './webchat-service.ts';
import { webchatRoutes } from './webchat-routes.ts';

export type Webchat = {
	routes: Route[];
	/** True when it took the upgrade (the visitor socket's path). */
	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** Closes visitor sockets and waits for messages being recorded. */
	close(): Promise<void>;
};

export type WebchatOptions = {
	hocuspocus: Hocuspocus;
	storage: Storage;
	files: FileService;
	attachments: InboundAttachmentStore;
	appOrigin: string | undefined;
	log: Logger;
};

export function createWebchat({ hocuspocus, storage, files, attachments, appOrigin, log }: WebchatOptions): Webchat {
	// Its own InboundService: web chat contacts are written only through here, so the
	// per-contact ordering it keeps covers every writer of their messages.
	const inbound = new InboundService(hocuspocus, storage, attachments);
	const service = new WebchatService(hocuspocus, storage, files, inbound);
	const sockets = webchatSockets(service, appOrigin, log);
	return {
		routes: webchatRoutes(service, storage, files),
		handleUpgrade: sockets.handleUpgrade,
		async close() {
			sockets.close();
			await inbound.idle();
		}
	};
}
