import { serverFrameSchema, WEBCHAT_SOCKET_PATH, type ServerFrame, type VisitorFrame } from '$shared/schemas/webchat.ts';

// The visitor's connection: one websocket to /api/webchat/socket, said hello to with the
// visitor's token each time it opens, and opened again after a drop with a growing pause
// (1 s to 15 s). Frames that do not parse are dropped: the page only shows what it understands.

export type SocketStatus = 'connecting' | 'open' | 'closed';

export interface VisitorSocketHandlers {
	hello(): VisitorFrame;
	onframe(frame: ServerFrame): void;
	onstatus(status: SocketStatus): void;
	/** The server said the token is no good: do not reconnect. */
	onrefused(): void;
}

const MIN_DELAY_MS = 1000;
const MAX_DELAY_MS = 15_000;

export class VisitorSocket {
	readonly #handlers: VisitorSocketHandlers;
	#ws: WebSocket | null = null;
	#delay = MIN_DELAY_MS;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#stopped = false;

	constructor(handlers: VisitorSocketHandlers) {
		this.#handlers = handlers;
		this.#open();
	}

	/** Sends now if open; false when not (the caller keeps it and sends again after the welcome). */
	send(frame: VisitorFrame): boolean {
		if (this.#ws?.readyState !== WebSocket.OPEN) return false;
		this.#ws.send(JSON.stringify(frame));
		return true;
	}

	/** Opens again at once (the browser came back online). */
	retryNow(): void {
		if (this.#stopped || this.#ws) return;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		this.#open();
	}

	close(): void {
		this.#stopped = true;
		if (this.#timer) clearTimeout(this.#timer);
		this.#ws?.close();
		this.#ws = null;
	}

	#open() {
		const url = new URL(WEBCHAT_SOCKET_PATH, location.href);
		url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
		const ws = new WebSocket(url);
		this.#ws = ws;
		this.#handlers.onstatus('connecting');
		let refused = false;
		ws.onopen = () => {
			this.#delay = MIN_DELAY_MS;
			ws.send(JSON.stringify(this.#handlers.hello()));
		};
		ws.onmessage = (event) => {
			let json: unknown;
			try {
				json = JSON.parse(String(event.data));
			} catch {
				return;
			}
			const frame = serverFrameSchema.safeParse(json);
			if (!frame.success) return;
			if (frame.data.type === 'welcome') this.#handlers.onstatus('open');
			if (frame.data.type === 'error' && frame.data.code === 'unauthorized') {
				refused = true;
				this.#handlers.onrefused();
			}
			this.#handlers.onframe(frame.data);
		};
		ws.onclose = () => {
			if (this.#ws === ws) this.#ws = null;
			this.#handlers.onstatus('closed');
			if (this.#stopped || refused) return;
			this.#timer = setTimeout(() => {
				this.#timer = null;
				this.#open();
			}, this.#delay);
			this.#delay = Math.min(MAX_DELAY_MS, this.#delay * 2);
		};
	}
}
