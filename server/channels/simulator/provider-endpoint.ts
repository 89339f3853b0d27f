// The simulator's stand-in for the providers' side of outbound delivery: an HTTP endpoint the
// channels' outbound URLs point at. It checks each POST's signature like a provider would,
// answers 200 (once per delivery id: repeats are acknowledged and dropped), then reports the
// message delivered and, usually, read, and sometimes has the contact write back.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { outboundMessageSchema, SIGNATURE_HEADER, type OutboundMessage } from '../../../shared/schemas/channel-api.ts';
import { verifySignature } from '../signature.ts';

export type EndpointHandlers = {
	/** The channel's current secret, or undefined for a channel the simulator does not run. */
	secretOf(channelId: string): string | undefined;
	/** A new, verified message from an agent. */
	onMessage(message: OutboundMessage): void;
	onRejected(reason: string): void;
};

const BODY_LIMIT = 1024 * 1024;

export class ProviderEndpoint {
	readonly #server: http.Server;
	readonly #seen = new Set<string>();

	private constructor(server: http.Server) {
		this.#server = server;
	}

	static async start(port: number, handlers: EndpointHandlers): Promise<ProviderEndpoint> {
		const server = http.createServer();
		const endpoint = new ProviderEndpoint(server);
		server.on('request', (request, response) => endpoint.#handle(request, response, handlers));
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, '127.0.0.1', resolve);
		});
		return endpoint;
	}

	get port(): number {
		return (this.#server.address() as AddressInfo).port;
	}

	close(): Promise<void> {
		this.#server.closeAllConnections();
		return new Promise((resolve) => this.#server.close(() => resolve()));
	}

	#handle(request: http.IncomingMessage, response: http.ServerResponse, handlers: EndpointHandlers) {
		const answer = (status: number, text: string) => response.writeHead(status, { 'content-type': 'text/plain' }).end(text);
		const channelId = /^\/outbound\/([^/]+)$/.exec(request.url ?? '')?.[1];
		const secret = channelId ? handlers.secretOf(decodeURIComponent(channelId)) : undefined;
		if (request.method !== 'POST' || !secret) return answer(404, 'unknown channel');
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= BODY_LIMIT) chunks.push(chunk);
		});
		request.on('end', () => {
			const body = Buffer.concat(chunks);
			if (size > BODY_LIMIT) return answer(413, 'too large');
			if (!verifySignature(secret, body, request.headers[SIGNATURE_HEADER])) {
				handlers.onRejected(`bad signature on a delivery for ${channelId}`);
				return answer(401, 'bad signature');
			}
			let message: OutboundMessage;
			try {
				message = outboundMessageSchema.parse(JSON.parse(body.toString('utf8')));
			} catch {
				handlers.onRejected(`unreadable delivery for ${channelId}`);
				return answer(400, 'bad payload');
			}
			answer(200, 'accepted');
			// A retry of something already accepted: acknowledged, not shown twice.
			if (this.#seen.has(message.deliveryId)) return;
			this.#seen.add(message.deliveryId);
			handlers.onMessage(message);
		});
	}
}
