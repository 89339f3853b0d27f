// The web chat visitor's own connection against the real server: starting a chat makes a web
// chat contact; messages go both ways live; the visitor's page reports delivered and read;
// page changes become events (once per move); the socket carries the visitor's messages and
// nothing else of the document; tokens, Origin and rates are checked; files travel both ways.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addComment, markDone, sendMessage } from '../../shared/actions/index.ts';
import { readEvents } from '../../shared/doc/index.ts';
import { userActor } from '../../shared/schemas/index.ts';
import type { VisitorSession } from '../../shared/schemas/webchat.ts';
import { ContactView, logInOwner, type Owner } from '../helpers/channel-webhooks.ts';
import { createOutsider, samplePdf, samplePng, uploadFile } from '../helpers/files.ts';
import { TestServer, waitUntil } from '../helpers/test-server.ts';
import { startVisitor, VisitorSocket } from '../helpers/webchat-visitor.ts';

let server: TestServer;
let owner: Owner;
let session: VisitorSession;
let contactId: string;
let agent: ContactView;
let visitor: VisitorSocket;

const MARKER = `internal-marker-${process.pid}-7f3a`;

beforeAll(async () => {
	server = await TestServer.start();
	owner = await logInOwner(server);
	session = await startVisitor(server, owner.workspaceId, { name: 'Vera Visitor', email: 'vera@example.test' });
	visitor = await VisitorSocket.connect(server);
	await visitor.hello(session.token);
	// The contact the visitor became: the only web chat contact named like this.
	visitor.send({ type: 'send', clientId: 'first-message-1', text: 'Hello, is anyone there?', files: [] });
	const echo = await visitor.message((m) => m.clientId === 'first-message-1', 'the echo of the first message');
	contactId = await server.withSqlite(async (storage) => {
		const link = await storage.linkChannelContact('webchat', session.visitor.id, 'unused-new-id');
		return link.contactId;
	});
	expect(echo.direction).toBe('in');
	agent = await ContactView.open(server, owner, contactId);
});

afterAll(async () => {
	visitor?.close();
	agent?.destroy();
	await server?.dispose();
});

describe('a web chat', () => {
	it('tells the chat page the workspace’s name, and 404 where there is no web chat', async () => {
		const info = await fetch(`${server.url}/api/webchat/workspaces/${owner.workspaceId}`);
		expect(await info.json()).toEqual({ workspace: { name: expect.any(String) } });
		const outsider = await createOutsider(server);
		expect((await fetch(`${server.url}/api/webchat/workspaces/${outsider.workspaceId}`)).status).toBe(404);
		expect((await fetch(`${server.url}/api/webchat/workspaces/nope`)).status).toBe(404);
	});

	it('makes the visitor a web chat contact with their name and email, and records their message as incoming', async () => {
		await waitUntil(() => agent.messages().length === 1, { what: 'the visitor’s message at the agent' });
		expect(agent.summary(contactId)).toMatchObject({ channel: 'webchat', name: 'Vera Visitor', email: 'vera@example.test' });
		expect(agent.messages()[0]).toMatchObject({ direction: 'in', text: 'Hello, is anyone there?', sender: { kind: 'contact' } });
		expect(agent.summary(contactId)?.last?.direction).toBe('in');
	});

	it('records a message sent twice (a retry after a lost answer) once', async () => {
		visitor.send({ type: 'send', clientId: 'first-message-1', text: 'Hello, is anyone there?', files: [] });
		visitor.send({ type: 'send', clientId: 'second-message', text: 'My order is late', files: [] });
		await waitUntil(() => agent.messages().length === 2, { what: 'the second message' });
		expect(agent.messages().map((m) => m.text)).toEqual(['Hello, is anyone there?', 'My order is late']);
	});

	it('pushes an agent’s reply live, with the agent’s name, and the page’s acknowledgements move its status', async () => {
		await agent.send(contactId, 'reply-1', 'Hi Vera, Ana here. Let me check.');
		const reply = await visitor.message((m) => m.id === 'reply-1', 'the agent’s reply at the visitor');
		expect(reply).toMatchObject({ direction: 'out', text: 'Hi Vera, Ana here. Let me check.', author: 'Ana Souza', clientId: null });
		await agent.deliveryReaches('reply-1', 'sent');
		visitor.send({ type: 'seen', ids: ['reply-1'], read: false });
		await agent.deliveryReaches('reply-1', 'delivered');
		visitor.send({ type: 'seen', ids: ['reply-1'], read: true });
		await agent.deliveryReaches('reply-1', 'read');
	});

	it('records page changes as events, once per move', async () => {
		const pages = ['https://shop.example.test/', 'https://shop.example.test/cart', 'https://shop.example.test/cart', 'javascript:alert(1)'];
		for (const url of pages) visitor.send({ type: 'page', url, title: url.endsWith('cart') ? 'Your cart' : 'Shop' });
		visitor.send({ type: 'page', url: 'https://shop.example.test/checkout' });
		const moves = () => readEvents(agent.docs.contact).filter((e) => e.type === 'page_change');
		await waitUntil(() => moves().length === 3, { what: 'three page changes' });
		expect(moves().map((e) => e.data)).toEqual([
			{ url: 'https://shop.example.test/', title: 'Shop' },
			{ url: 'https://shop.example.test/cart', title: 'Your cart' },
			{ url: 'https://shop.example.test/checkout' }
		]);
		expect(moves()[0]?.actor).toEqual({ kind: 'api', id: 'webchat' });
	});

	it('never sends the visitor comments, events or anything else of the document', async () => {
		addComment(agent.docs, { contactId, text: `Customer seems upset ${MARKER}`, mentions: [] }, userActor(owner.userId));
		markDone(agent.docs, { contactId }, userActor(owner.userId));
		await agent.client.acked();
		await agent.send(contactId, 'reply-2', 'Your parcel ships today.');
		await visitor.message((m) => m.id === 'reply-2');
		const fresh = await VisitorSocket.connect(server);
		const welcome = await fresh.hello(session.token);
		expect(welcome.messages.map((m) => m.text)).toEqual([
			'Hello, is anyone there?',
			'My order is late',
			'Hi Vera, Ana here. Let me check.',
			'Your parcel ships today.'
		]);
		for (const text of [...visitor.raw, ...fresh.raw]) {
			expect(text).not.toContain(MARKER);
			expect(text).not.toContain('marked_done');
			expect(text).not.toContain('page_change');
			expect(text).not.toContain(owner.userId);
		}
		fresh.close();
	});
});

describe('who gets in', () => {
	it('closes a socket whose token is forged, or whose first frame is not hello', async () => {
		const forged = await VisitorSocket.connect(server);
		forged.send({ type: 'hello', token: `${session.token.slice(0, -4)}AAAA` });
		await forged.waitFor((f): f is Extract<typeof f, { type: 'error' }> => f.type === 'error' && f.code === 'unauthorized', 'unauthorized');
		await waitUntil(() => forged.closed, { what: 'the forged socket to close' });
		const rude = await VisitorSocket.connect(server);
		rude.send({ type: 'send', clientId: 'no-hello-123', text: 'hi', files: [] });
		await waitUntil(() => rude.closed, { what: 'the socket without hello to close' });
		expect(rude.closed).toMatchObject({ code: 1008 });
	});

	it('refuses the socket from another origin', async () => {
		await expect(VisitorSocket.connect(server, 'https://evil.example')).rejects.toThrow(/403/);
	});

	it('limits how fast a visitor writes', async () => {
		const other = await startVisitor(server, owner.workspaceId, { name: 'Speedy' });
		const socket = await VisitorSocket.connect(server);
		await socket.hello(other.token);
		for (let i = 0; i < 20; i++) socket.send({ type: 'send', clientId: `speedy-${String(i).padStart(4, '0')}`, text: `spam ${i}`, files: [] });
		await socket.waitFor((f): f is Extract<typeof f, { type: 'error' }> => f.type === 'error' && f.code === 'rate_limited', 'a rate limit error');
		socket.close();
	});

	it('validates the visitor’s name and email', async () => {
		const post = (body: unknown) =>
			fetch(`${server.url}/api/webchat/workspaces/${owner.workspaceId}/visitors`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body)
			});
		expect(await (await post({ name: '  ' })).json()).toMatchObject({ error: 'invalid_request', field: 'name' });
		expect(await (await post({ name: 'A', email: 'not-an-email' })).json()).toMatchObject({ field: 'email' });
		expect((await post({ name: 'A', email: '' })).status).toBe(201);
	});
});

describe('files in a web chat', () => {
	const upload = (token: string | null, name: string, type: string, bytes: Buffer) =>
		fetch(`${server.url}/api/webchat/uploads`, {
			method: 'POST',
			headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': type, 'x-file-name': encodeURIComponent(name) },
			body: new Uint8Array(bytes)
		});

	it('lets the visitor send a file, which the agent can read, and the visitor through its signed link', async () => {
		const png = await samplePng(800, 600);
		expect((await upload(null, 'x.png', 'image/png', png)).status).toBe(401);
		const uploaded = await upload(session.token, 'receipt.png', 'image/png', png);
		expect(uploaded.status).toBe(201);
		const { file } = (await uploaded.json()) as { file: { id: string } };
		visitor.send({ type: 'send', clientId: 'with-file-01', text: '', files: [file.id] });
		const echo = await visitor.message((m) => m.clientId === 'with-file-01');
		const [attached] = echo.attachments;
		expect(attached).toMatchObject({ id: file.id, name: 'receipt.png', mime: 'image/png' });
		expect(attached?.url).toMatch(/^\/api\/webchat\/files\/webchat\//);
		const viaLink = await fetch(`${server.url}${attached?.url}`);
		expect(viaLink.status).toBe(200);
		expect(Buffer.from(await viaLink.arrayBuffer()).equals(png)).toBe(true);
		expect((await fetch(`${server.url}${attached?.thumbnailUrl}`)).headers.get('content-type')).toBe('image/webp');
		// A tampered or expired link, or the agents' endpoint without a session: nothing.
		const link = attached?.url ?? '';
		expect((await fetch(`${server.url}${link.replace(/s=[^&]+/, 's=AAAA')}`)).status).toBe(404);
		expect((await fetch(`${server.url}${link.replace(/e=\d+/, 'e=1000')}`)).status).toBe(404);
		expect((await fetch(`${server.url}/api/files/${file.id}`)).status).toBe(401);
		expect((await fetch(`${server.url}/api/files/${file.id}`, { headers: { cookie: owner.cookie } })).status).toBe(200);
	});

	it('shows the visitor files an agent sends, and refuses another visitor’s uploads', async () => {
		const { body } = await uploadFile(server, owner.cookie, owner.workspaceId, { name: 'label.pdf', type: 'application/pdf', bytes: samplePdf('Return label') });
		const file = body.file as { id: string; name: string; mime: string; size: number };
		await agent.client.acked();
		sendMessage(agent.docs, { contactId, messageId: 'reply-file', text: 'Here is your return label.', attachments: [file] }, userActor(owner.userId));
		const reply = await visitor.message((m) => m.id === 'reply-file');
		expect(reply.attachments[0]).toMatchObject({ name: 'label.pdf', mime: 'application/pdf', thumbnailUrl: null });
		const download = await fetch(`${server.url}${reply.attachments[0]?.url}`);
		expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);

		const other = await startVisitor(server, owner.workspaceId, { name: 'Mallory' });
		const socket = await VisitorSocket.connect(server);
		await socket.hello(other.token);
		socket.send({ type: 'send', clientId: 'steal-file-1', text: 'mine now', files: [file.id] });
		const refused = await socket.waitFor((f): f is Extract<typeof f, { type: 'error' }> => f.type === 'error', 'a refusal');
		expect(refused).toMatchObject({ code: 'send_failed', clientId: 'steal-file-1' });
		socket.close();
	});
});
