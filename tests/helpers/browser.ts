// Real Chromium for end-to-end tests: launching it, one browser context per agent, logging in
// through the real form, and the few inbox steps every browser test needs (pick a segment,
// open a contact). The app must be built first (`npm run build`; `npm test` does it).
// Every wait is a condition with a deadline, never a fixed sleep.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type WebSocketRoute } from 'playwright-core';
import type { TestServer } from './test-server.ts';

const BUILD = new URL('../../build/', import.meta.url);

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

/** Most UI waits: a live change crossing the server, a first sync of a small workspace. */
export const WAIT = { timeout: 20_000 };
/** Reconnecting after a server restart waits for the socket's backoff (at most 8 s) and a resync. */
export const RECONNECT = { timeout: 30_000 };

export const DEMO_AGENTS = { ana: 'ana@demo.test', ben: 'ben@demo.test', cara: 'cara@demo.test' } as const;

/** Throws with a clear message when the app has not been built. */
export function assertBuilt(): void {
	for (const file of ['index.html', 'service-worker.js']) {
		if (!existsSync(new URL(file, BUILD))) throw new Error(`build/${file} is missing: run \`npm run build\` first`);
	}
}

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface AgentOptions {
	/** Desktop first: the inbox must work at 1280×720. */
	viewport?: { width: number; height: number };
	password?: string;
}

export interface AgentPage {
	page: Page;
	context: BrowserContext;
	/** The signed-in user's id, from /api/auth/me. */
	userId: string;
	name: string;
}

/** A fresh browser context (its own cookies and IndexedDB), logged in through the form, on /inbox. */
export async function signIn(browser: Browser, server: TestServer, email: string, options: AgentOptions = {}): Promise<AgentPage> {
	const context = await browser.newContext({ baseURL: server.url, viewport: options.viewport ?? { width: 1280, height: 720 } });
	// Before the app opens its socket, so goOffline can cut it later.
	await allowOffline(context);
	const page = await context.newPage();
	await page.goto('/');
	await page.waitForURL('**/login', WAIT);
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(options.password ?? 'switchboard');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL('**/inbox**', WAIT);
	await page.locator('[data-segment-selector]').waitFor(WAIT);
	const me = await page.evaluate(async () => (await (await fetch('/api/auth/me')).json()) as { user: { id: string; name: string } });
	return { page, context, userId: me.user.id, name: me.user.name };
}

/** The row of a contact in the list (or in search results, which carry the same attribute). */
export const contactRow = (page: Page, contactId: string): Locator =>
	page.locator(`#contact-list [data-contact-id="${contactId}"]`);

/** Picks a segment from the selector: a predefined id (`all`, `new`, …) or a saved segment's name. */
export async function showSegment(page: Page, segment: string): Promise<void> {
	await page.locator('[data-segment-selector]').click();
	const menu = page.getByRole('menu', { name: 'Segments' });
	const predefined = menu.locator(`[data-segment="${segment}"]`);
	await (await predefined.count() ? predefined : menu.getByRole('menuitemradio', { name: segment, exact: true })).click();
	await menu.waitFor({ state: 'detached', ...WAIT });
}

/** Opens a contact through the URL, as a link or back/forward would, and waits for it to be selected. */
export async function openContact(page: Page, contactId: string): Promise<void> {
	await page.goto(`/inbox?c=${encodeURIComponent(contactId)}`);
	await page.locator('[data-segment-selector]').waitFor(WAIT);
}

/** The list's contact ids in order, as rendered (a virtual list renders the rows in view). */
export function renderedIds(page: Page): Promise<string[]> {
	return page
		.locator('#contact-list [data-contact-id]')
		.evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.contactId ?? ''));
}

/**
 * Takes a browser context off the network and back. Playwright's `setOffline` fails HTTP but
 * leaves WebSockets open (microsoft/playwright#4910), so the sync socket is routed through
 * Playwright too: while offline, open sockets are closed and new ones are refused at once.
 * Routing applies only to sockets opened after it is installed: signIn installs it before the
 * app first loads.
 */
class Network {
	readonly #context: BrowserContext;
	readonly #sockets = new Set<WebSocketRoute>();
	#offline = false;

	constructor(context: BrowserContext) {
		this.#context = context;
	}

	async install(): Promise<void> {
		await this.#context.routeWebSocket(/\/sync$/, (socket) => {
			if (this.#offline) return void socket.close({ code: 1006, reason: 'offline' });
			const server = socket.connectToServer();
			this.#sockets.add(socket);
			socket.onClose(() => {
				this.#sockets.delete(socket);
				void server.close();
			});
			server.onClose(() => {
				this.#sockets.delete(socket);
				void socket.close();
			});
		});
	}

	async offline(): Promise<void> {
		this.#offline = true;
		await this.#context.setOffline(true);
		for (const socket of [...this.#sockets]) await socket.close({ code: 1006, reason: 'offline' });
	}

	async online(): Promise<void> {
		this.#offline = false;
		await this.#context.setOffline(false);
	}
}

const networks = new WeakMap<BrowserContext, Network>();

/** Routes the context's sync sockets so goOffline can cut them; call before the app loads (signIn does). */
export async function allowOffline(context: BrowserContext): Promise<void> {
	if (networks.has(context)) return;
	const network = new Network(context);
	networks.set(context, network);
	await network.install();
}

function networkOf(context: BrowserContext): Network {
	const network = networks.get(context);
	if (!network) throw new Error('this context\'s sockets are not routed: sign in with signIn, or call allowOffline before the app loads');
	return network;
}

/** Really offline: HTTP fails and the sync socket is closed, and stays closed until goOnline. */
export function goOffline(context: BrowserContext): Promise<void> {
	return networkOf(context).offline();
}

export function goOnline(context: BrowserContext): Promise<void> {
	return networkOf(context).online();
}
