// One visitor's websocket. The first frame must be `hello` with the visitor's token; then the
// server holds the visitor's contact document (and the workspace document, for names) open
// through direct connections, sends the conversation so far, and pushes every message added
// to it — the visitor's own (the echo that confirms a send) and the agents' replies — as the
// projection in visitor-messages.ts. The socket never carries anything else of a document.
import type { DirectConnection } from '@hocuspocus/server';
import type * as Y from 'yjs';
import type { WebSocket } from 'ws';
import { contactMaps, readProfile } from '../../shared/doc/contact-doc.ts';
import { readWorkspaceMeta } from '../../shared/doc/workspace-doc.ts';
import { contactDocName, workspaceDocName } from '../../shared/doc/names.ts';
import { visitorFrameSchema, type ServerFrame, type WebchatErrorCode } from '../../shared/schemas/webchat.ts';
import type { z } from 'zod';
import type { Logger } from '../log.ts';
import { TokenBucket } from '../sync/rate-limit.ts';
import { parseMessage, toVisitorMessage, visitorHistory, type Projection } from './visitor-messages.ts';
import { VisitorError, type Visitor, type WebchatService } from './webchat-service.ts';

/** Messages of the history sent on connect. */
const HISTORY = 200;
const HELLO_TIMEOUT_MS = 10_000;
/** Visitor messages: a burst of 8, then one every 2 s. Page reports: a burst of 10, then 1/s. */
const SEND_RATE = { perSecond: 0.5, burst: 8 };
const PAGE_RATE = { perSecond: 1, burst: 10 };
/** Any frame: above this the socket is closed (a flood, not a person). */
const FRAME_RATE = { perSecond: 20, burst: 60 };
const POLICY_VIOLATION = 1008;

type Frame = z.output<typeof visitorFrameSchema>;

export class VisitorConnection {
	readonly #ws: WebSocket;
	readonly #service: WebchatService;
	readonly #log: Logger;
	readonly #frames = new TokenBucket(FRAME_RATE.perSecond, FRAME_RATE.burst);
	readonly #sends = new TokenBucket(SEND_RATE.perSecond, SEND_RATE.burst);
	readonly #pages = new TokenBucket(PAGE_RATE.perSecond, PAGE_RATE.burst);
	#visitor: Visitor | null = null;
	#name = 'Visitor';
	#connections: DirectConnection[] = [];
	#unobserve: (() => void) | null = null;
	#closed = false;
	/** Frames are handled one at a time, in order (a send before the page change after it). */
	#queue: Promise<void> = Promise.resolve();

	constructor(ws: WebSocket, service: WebchatService, log: Logger) {
		this.#ws = ws;
		this.#service = service;
		this.#log = log;
		const helloTimer = setTimeout(() => this.#visitor || this.#close(POLICY_VIOLATION, 'say hello first'), HELLO_TIMEOUT_MS);
		ws.on('message', (data, isBinary) => {
			if (!this.#frames.take()) return this.#close(POLICY_VIOLATION, 'too many frames');
			if (isBinary) return this.#close(POLICY_VIOLATION, 'text frames only');
			const frame = this.#parse(data.toString());
			if (!frame) return;
			this.#queue = this.#queue.then(() => this.#handle(frame)).catch((error: unknown) => this.#log.error('visitor frame failed', error));
		});
		ws.on('close', () => {
			clearTimeout(helloTimer);
			void this.#release();
		});
		ws.on('error', (error) => this.#log.warn(`visitor socket: ${error.message}`));
	}

	#parse(text: string): Frame | null {
		let json: unknown;
		try {
			json = JSON.parse(text);
		} catch {
			this.#error('invalid_frame', 'Frames are JSON.');
			return null;
		}
		const parsed = visitorFrameSchema.safeParse(json);
		if (!parsed.success) {
			this.#error('invalid_frame', parsed.error.issues[0]?.message ?? 'Invalid frame.');
			return null;
		}
		return parsed.data;
	}

	async #handle(frame: Frame): Promise<void> {
		if (this.#closed) return;
		if (frame.type === 'hello') return this.#hello(frame.token, frame.page);
		const visitor = this.#visitor;
		if (!visitor) return this.#close(POLICY_VIOLATION, 'say hello first');
		switch (frame.type) {
			case 'send':
				if (!this.#sends.take()) return this.#error('rate_limited', 'You are sending messages very fast. Wait a moment.', frame.clientId);
				try {
					await this.#service.send(visitor, frame, this.#name);
				} catch (error) {
					const message = error instanceof VisitorError ? error.message : 'Your message could not be sent. Try again.';
					if (!(error instanceof VisitorError)) this.#log.error('visitor message failed', error);
					this.#error('send_failed', message, frame.clientId);
				}
				return;
			case 'page':
				if (this.#pages.take()) await this.#service.pageChange(visitor, frame);
				return;
			case 'seen':
				await this.#service.seen(visitor, frame.ids, frame.read);
				return;
		}
	}

	async #hello(token: string, page: Extract<Frame, { type: 'hello' }>['page']): Promise<void> {
		if (this.#visitor) return;
		const visitor = await this.#service.authenticate(token);
		if (!visitor) {
			this.#send({ type: 'error', code: 'unauthorized', message: 'This chat has ended. Start a new one.' });
			return this.#close(POLICY_VIOLATION, 'unauthorized');
		}
		this.#visitor = visitor;
		const { hocuspocus } = this.#service;
		// Held while the socket is open: the documents stay loaded, and the observer sees every
		// change the moment the server applies it (from an agent, a webhook, or this visitor).
		const [contact, workspace] = await Promise.all([
			hocuspocus.openDirectConnection(contactDocName(visitor.workspaceId, visitor.contactId), { writer: 'channel' }),
			hocuspocus.openDirectConnection(workspaceDocName(visitor.workspaceId), { writer: 'channel' })
		]);
		this.#connections = [contact, workspace];
		if (this.#closed || !contact.document || !workspace.document) return this.#release();
		const projection: Projection = { channel: visitor.channel, visitorId: visitor.visitorId, workspace: workspace.document };
		this.#watch(contact.document, visitor.contactId, projection);
		const profile = readProfile(contact.document);
		this.#name = profile.name || 'Visitor';
		this.#send({
			type: 'welcome',
			visitor: { id: visitor.visitorId, name: this.#name, email: profile.email },
			workspace: { name: readWorkspaceMeta(workspace.document)?.name ?? 'Support' },
			messages: visitorHistory(contact.document, visitor.contactId, projection, HISTORY)
		});
		if (page) await this.#service.pageChange(visitor, page);
	}

	#watch(contact: Y.Doc, contactId: string, projection: Projection) {
		const messages = contactMaps(contact).messages;
		const observer = (event: Y.YMapEvent<unknown>) => {
			for (const [key, change] of event.changes.keys) {
				if (change.action !== 'add') continue;
				const message = parseMessage(messages.get(key), contactId);
				if (message) this.#send({ type: 'message', message: toVisitorMessage(message, projection) });
			}
		};
		messages.observe(observer);
		this.#unobserve = () => messages.unobserve(observer);
	}

	#send(frame: ServerFrame) {
		if (this.#ws.readyState === this.#ws.OPEN) this.#ws.send(JSON.stringify(frame));
	}

	#error(code: WebchatErrorCode, message: string, clientId?: string) {
		this.#send({ type: 'error', code, message, ...(clientId ? { clientId } : {}) });
	}

	#close(code: number, reason: string) {
		if (this.#ws.readyState === this.#ws.OPEN || this.#ws.readyState === this.#ws.CONNECTING) this.#ws.close(code, reason);
		void this.#release();
	}

	async #release(): Promise<void> {
		this.#closed = true;
		this.#unobserve?.();
		this.#unobserve = null;
		const connections = this.#connections;
		this.#connections = [];
		await Promise.allSettled(connections.map((connection) => connection.disconnect()));
	}
}
