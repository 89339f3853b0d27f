// A web chat visitor in Node, as the chat page is in a browser: starts a chat over HTTP, opens
// the visitor socket with the app's Origin, says hello with its token, and keeps every frame
// the server sent (and every raw byte, for privacy checks).
import WebSocket from 'ws';
import { serverFrameSchema, type ServerFrame, type VisitorFrame, type VisitorSession } from '../../shared/schemas/webchat.ts';
import { waitUntil, type TestServer } from './test-server.ts';

export async function startVisitor(server: TestServer, workspaceId: string, profile: { name: string; email?: string }): Promise<VisitorSession> {
	const response = await fetch(`${server.url}/api/webchat/workspaces/${workspaceId}/visitors`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: server.origin },
		body: JSON.stringify(profile)
	});
	if (response.status !== 201) throw new Error(`start visitor: ${response.status} ${await response.text()}`);
	return (await response.json()) as VisitorSession;
}

export class VisitorSocket {
	readonly frames: ServerFrame[] = [];
	/** Every text frame as received, unparsed. */
	readonly raw: string[] = [];
	readonly ws: WebSocket;
	/** Set when the socket closed (undefined while open: `waitUntil` waits on it). */
	closed: { code: number; reason: string } | undefined = undefined;

	private constructor(ws: WebSocket) {
		this.ws = ws;
		ws.on('message', (data) => {
			const text = data.toString();
			this.raw.push(text);
			this.frames.push(serverFrameSchema.parse(JSON.parse(text)));
		});
		ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
	}

	static async connect(server: TestServer, origin = server.origin): Promise<VisitorSocket> {
		const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/webchat/socket`, { headers: { origin } });
		const socket = new VisitorSocket(ws);
		await new Promise<void>((resolve, reject) => {
			ws.once('open', () => resolve());
			ws.once('error', reject);
		});
		return socket;
	}

	send(frame: VisitorFrame): void {
		this.ws.send(JSON.stringify(frame));
	}

	/** Says hello and waits for the welcome. */
	async hello(token: string, page?: { url: string; title?: string }): Promise<Extract<ServerFrame, { type: 'welcome' }>> {
		this.send({ type: 'hello', token, ...(page ? { page } : {}) });
		return this.waitFor((f): f is Extract<ServerFrame, { type: 'welcome' }> => f.type === 'welcome', 'the welcome');
	}

	/** The first frame (since `from`) matching; waits for it. */
	waitFor<T extends ServerFrame>(match: (frame: ServerFrame) => frame is T, what: string, from = 0): Promise<T> {
		return waitUntil(() => this.frames.slice(from).find(match), { what });
	}

	/** Waits for a pushed message matching `match`. */
	message(match: (message: Extract<ServerFrame, { type: 'message' }>['message']) => boolean, what = 'a message') {
		return waitUntil(
			() => this.frames.flatMap((f) => (f.type === 'message' && match(f.message) ? [f.message] : [])).at(0),
			{ what }
		);
	}

	close(): void {
		this.ws.close();
	}
}
