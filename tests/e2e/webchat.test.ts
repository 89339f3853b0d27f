import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Frame, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, contactRow, DEMO_AGENTS, launchBrowser, signIn, WAIT, type AgentPage } from '../helpers/browser.ts';
import { TestServer, waitUntil } from '../helpers/test-server.ts';

// Web chat end to end in Chromium: a visitor on a shop's site (a host page served by this
// test, on another origin, embedding widget.js) and an agent in the inbox, in two browser
// contexts. Messages go both ways live; the shop's single-page navigation shows as a page
// change for the agent; and an internal comment's text never reaches anything the visitor's
// browser receives (every websocket frame and HTTP response body of the visitor's context is
// captured and searched).

const MARKER = `zq-internal-${process.pid}-marker`;

let server: TestServer;
let browser: Browser;
let shop: http.Server;
let shopUrl: string;
let ana: AgentPage;
let visitorContext: BrowserContext;
let visitor: Page;
let workspaceId: string;
let contactId: string;

/** Everything the visitor's browser received: websocket frames (as text) and response bodies. */
const received: string[] = [];
const socketUrls: string[] = [];

function shopPage(title: string): string {
	return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head>
<body style="font-family: system-ui; margin: 2rem">
	<h1>Acme Shop</h1>
	<p>Fine goods since 1999.</p>
	<button id="to-checkout" onclick="history.pushState({}, '', '/shop/checkout'); document.title = 'Checkout · Acme Shop'">Go to checkout</button>
	<script src="${server.url}/widget.js" data-workspace="${workspaceId}" async></script>
</body></html>`;
}

beforeAll(async () => {
	assertBuilt();
	[server, browser] = await Promise.all([TestServer.start(), launchBrowser()]);
	workspaceId = (await server.me(await server.login(DEMO_AGENTS.ana))).workspaces[0]?.id ?? '';
	shop = http.createServer((request, response) => {
		response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
		response.end(shopPage(request.url === '/shop/checkout' ? 'Checkout · Acme Shop' : 'Acme Shop'));
	});
	await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
	// "localhost", not 127.0.0.1: another origin than the app's, as a customer's site is.
	shopUrl = `http://localhost:${(shop.address() as AddressInfo).port}`;
	ana = await signIn(browser, server, DEMO_AGENTS.ana, { viewport: { width: 1280, height: 800 } });

	visitorContext = await browser.newContext({ viewport: { width: 1200, height: 760 } });
	visitorContext.on('response', (response) => {
		void response
			.body()
			.then((body) => received.push(body.toString('utf8')))
			.catch(() => undefined);
	});
	visitor = await visitorContext.newPage();
	visitor.on('websocket', (socket) => {
		socketUrls.push(socket.url());
		socket.on('framereceived', ({ payload }) => received.push(typeof payload === 'string' ? payload : payload.toString('utf8')));
	});
});

afterAll(async () => {
	await browser?.close();
	shop?.closeAllConnections();
	shop?.close();
	await server?.dispose();
});

const chatFrame = (): FrameLocator => visitor.frameLocator('iframe[title="Chat with us"]');
const conversation = () => ana.page.locator(`section[aria-label="Conversation"][data-contact="${contactId}"]`);

describe('web chat', () => {
	it('a visitor on a shop’s site starts a chat; the agent sees the new web chat contact live', { timeout: 60_000 }, async () => {
		await visitor.goto(`${shopUrl}/shop`);
		const launcher = visitor.getByRole('button', { name: 'Chat with us' });
		await launcher.waitFor(WAIT);
		await launcher.click();
		const chat = chatFrame();
		await chat.getByLabel('Your name').fill('Vera Visitor');
		await chat.getByLabel(/^Email/).fill('vera@example.test');
		await chat.getByRole('button', { name: 'Start the chat' }).click();
		const box = chat.getByRole('textbox', { name: 'Message' });
		await box.fill('Hi, where is my order #1042?');
		await box.press('Enter');
		await chat.locator('.message.mine[data-message-id]', { hasText: 'where is my order' }).waitFor(WAIT);
		await visitor.screenshot({ path: 'test-results/webchat-visitor.png' });

		const row = ana.page.locator('#contact-list [data-contact-id]', { hasText: 'Vera Visitor' });
		await row.waitFor(WAIT);
		contactId = (await row.getAttribute('data-contact-id')) ?? '';
		expect(await row.textContent()).toContain('where is my order');
		await contactRow(ana.page, contactId).click();
		await conversation().getByText('Hi, where is my order #1042?').waitFor(WAIT);
	});

	it('the agent’s reply reaches the visitor live, with the agent’s name', { timeout: 60_000 }, async () => {
		const composer = conversation().getByRole('combobox', { name: 'Message' });
		await composer.fill('Hi Vera! It left our warehouse this morning.');
		await composer.press('Enter');
		const reply = chatFrame().locator('.message.out[data-message-id]', { hasText: 'It left our warehouse' });
		await reply.waitFor(WAIT);
		expect(await reply.textContent()).toContain('Ana Souza');
		// The visitor has it on screen: the agent sees it read.
		await conversation().locator('.message.out[data-delivery="read"]', { hasText: 'It left our warehouse' }).waitFor(WAIT);
	});

	it('a page change on the shop’s site shows as an event for the agent', { timeout: 60_000 }, async () => {
		await visitor.locator('#to-checkout').click();
		const event = conversation().getByRole('link', { name: 'Checkout · Acme Shop' });
		await event.waitFor(WAIT);
		expect(await event.getAttribute('href')).toBe(`${shopUrl}/shop/checkout`);
		await ana.page.screenshot({ path: 'test-results/webchat-agent.png' });
	});

	it('never sends the visitor an internal comment', { timeout: 60_000 }, async () => {
		await ana.page.getByRole('tab', { name: 'Activity' }).click();
		const comment = ana.page.getByRole('combobox', { name: 'Internal comment' });
		await comment.fill(`VIP customer, offer a voucher ${MARKER}`);
		await ana.page.getByRole('button', { name: 'Comment' }).click();
		await ana.page.getByText(MARKER).first().waitFor(WAIT);
		// Something after the comment, so the visitor's socket has surely carried what followed it.
		const composer = conversation().getByRole('combobox', { name: 'Message' });
		await composer.fill('Anything else I can do for you?');
		await composer.press('Enter');
		await chatFrame().locator('.message.out', { hasText: 'Anything else' }).waitFor(WAIT);
		// A new visit loads the whole conversation again.
		await visitor.reload();
		await visitor.getByRole('button', { name: 'Chat with us' }).click();
		await chatFrame().locator('.message.out', { hasText: 'Anything else' }).waitFor(WAIT);

		// The capture works (it holds the replies), and holds nothing of the comment or the sync.
		await waitUntil(() => received.some((text) => text.includes('Anything else I can do for you?')), { what: 'captured frames' });
		expect(received.filter((text) => text.includes(MARKER))).toEqual([]);
		expect(socketUrls.length).toBeGreaterThan(0);
		expect(socketUrls.every((url) => url.endsWith('/api/webchat/socket'))).toBe(true);
		const frames = visitor.frames().map((frame: Frame) => frame.url());
		expect(frames.some((url) => url.includes(`/chat/${workspaceId}`))).toBe(true);
	});
});
