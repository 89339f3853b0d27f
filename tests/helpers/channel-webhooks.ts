// Channel test kit: the owner's channel API, signed webhooks as a provider sends them, a
// local HTTP server standing in for a provider's outbound endpoint, and an agent that opens a
// contact over real providers to read it and reply.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendMessage } from '../../shared/actions/index.ts';
import { contactDocName, indexDocName, readContactSummary, readDelivery, readMessages, shardOf } from '../../shared/doc/index.ts';
import { userActor } from '../../shared/schemas/index.ts';
import { TestClient } from './node-provider.ts';
import { waitUntil, type TestServer } from './test-server.ts';

export const sign = (secret: string, body: string | Buffer) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

export type Owner = { cookie: string; workspaceId: string; userId: string };

export async function logInOwner(server: TestServer, email = 'ana@demo.test'): Promise<Owner> {
	const cookie = await server.login(email);
	const me = await server.me(cookie);
	const workspace = me.workspaces[0];
	if (!workspace) throw new Error(`${email} has no workspace`);
	return { cookie, workspaceId: workspace.id, userId: me.user.id };
}

/** A JSON request to the owner API; answers status and parsed body. */
export async function api(
	server: TestServer,
	cookie: string,
	method: string,
	pathname: string,
	body?: unknown
): Promise<{ status: number; body: Record<string, unknown> }> {
	const response = await fetch(`${server.url}${pathname}`, {
		method,
		headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Rotates a channel's secret (the only way to learn it) and optionally sets its outbound URL. */
export async function takeChannel(server: TestServer, owner: Owner, channelId: string, outboundUrl?: string | null): Promise<string> {
	const base = `/api/workspaces/${owner.workspaceId}/channels/${channelId}`;
	const rotated = await api(server, owner.cookie, 'POST', `${base}/secret`);
	if (rotated.status !== 200) throw new Error(`rotate ${channelId}: ${rotated.status} ${JSON.stringify(rotated.body)}`);
	if (outboundUrl !== undefined) {
		const patched = await api(server, owner.cookie, 'PATCH', base, { outboundUrl });
		if (patched.status !== 200) throw new Error(`patch ${channelId}: ${patched.status} ${JSON.stringify(patched.body)}`);
	}
	return rotated.body.secret as string;
}

/** POSTs a raw body to a webhook, signed with `secret` unless a signature header is given. */
export async function postWebhook(
	server: TestServer,
	channelId: string,
	kind: 'inbound' | 'status',
	body: string,
	options: { secret?: string; signature?: string | null } = {}
): Promise<{ status: number; body: Record<string, unknown> }> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	const signature = options.signature === undefined ? (options.secret ? sign(options.secret, body) : null) : options.signature;
	if (signature !== null) headers['x-switchboard-signature'] = signature;
	const response = await fetch(`${server.url}/api/channels/${channelId}/${kind}`, { method: 'POST', headers, body });
	const text = await response.text();
	return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

let providerIds = 0;

/** An inbound message body; `sentAt` defaults to now. */
export function inboundBody(sender: { id: string; name: string; phone?: string }, text: string, extra: Record<string, unknown> = {}) {
	return JSON.stringify({ messageId: `pm-${process.pid}-${++providerIds}`, sender, text, sentAt: Date.now(), ...extra });
}

export type RecordedRequest = { deliveryId: string; signature: string; body: string; status: number };

/** A provider's outbound endpoint: answers each request with `respond(request number)`. */
export class OutboundTarget {
	readonly requests: RecordedRequest[] = [];
	respond: (n: number, body: string) => number = () => 200;
	readonly #server: http.Server;

	private constructor(server: http.Server) {
		this.#server = server;
	}

	static async start(port = 0): Promise<OutboundTarget> {
		const server = http.createServer();
		const target = new OutboundTarget(server);
		server.on('request', (request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				const body = Buffer.concat(chunks).toString('utf8');
				const status = target.respond(target.requests.length + 1, body);
				target.requests.push({
					deliveryId: String(request.headers['x-switchboard-delivery'] ?? ''),
					signature: String(request.headers['x-switchboard-signature'] ?? ''),
					body,
					status
				});
				response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'provider trouble');
			});
		});
		await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
		return target;
	}

	get url(): string {
		return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/outbound`;
	}

	/** Accepted (2xx) requests per delivery id. */
	acceptedCounts(): Map<string, number> {
		const counts = new Map<string, number>();
		for (const r of this.requests) if (r.status < 300) counts.set(r.deliveryId, (counts.get(r.deliveryId) ?? 0) + 1);
		return counts;
	}

	close(): Promise<void> {
		this.#server.closeAllConnections();
		return new Promise((resolve) => this.#server.close(() => resolve()));
	}
}

/** An agent with one contact open over real providers (index shard + contact document). */
export class ContactView {
	readonly client: TestClient;
	readonly names: { index: string; contact: string };
	readonly userId: string;

	private constructor(client: TestClient, names: { index: string; contact: string }, userId: string) {
		this.client = client;
		this.names = names;
		this.userId = userId;
	}

	static async open(server: TestServer, owner: Owner, contactId: string): Promise<ContactView> {
		const client = new TestClient({ url: server.syncUrl, cookie: owner.cookie, origin: server.origin });
		const names = { index: indexDocName(owner.workspaceId, shardOf(contactId)), contact: contactDocName(owner.workspaceId, contactId) };
		client.open(names.index);
		client.open(names.contact);
		await client.synced();
		return new ContactView(client, names, owner.userId);
	}

	get docs() {
		return { index: this.client.doc(this.names.index), contact: this.client.doc(this.names.contact) };
	}

	messages() {
		return readMessages(this.docs.contact);
	}

	summary(contactId: string) {
		return readContactSummary(this.docs.index, contactId);
	}

	/** Sends as this agent, like the composer does, and waits for the server's acknowledgement. */
	async send(contactId: string, messageId: string, text: string) {
		sendMessage(this.docs, { contactId, messageId, text }, userActor(this.userId));
		await this.client.acked();
	}

	delivery(messageId: string) {
		return readDelivery(this.docs.contact, messageId);
	}

	/** Waits until the message's delivery reaches `state`, and returns it. */
	async deliveryReaches(messageId: string, state: string, timeoutMs = 15_000) {
		return waitUntil(
			() => {
				const status = this.delivery(messageId);
				return status?.state === state ? status : undefined;
			},
			{ timeoutMs, what: `delivery of ${messageId} to be ${state}` }
		);
	}

	destroy() {
		this.client.destroy();
	}
}
