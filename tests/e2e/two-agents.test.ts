import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestServer } from '../helpers/test-server.ts';

// The browser path end to end, against the real server process and the built app (`npm run
// build` first; `npm test` does it). Two demo agents in two browser contexts: an assignment in
// one shows up live in the other; with the server stopped a reload still opens the inbox
// (service worker shell + IndexedDB + cached identity) and an action still works, waiting;
// when the server is back, the change reaches the other agent. Every wait is a condition.

const BUILD = new URL('../../build/', import.meta.url);
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];
const WAIT = { timeout: 20_000 };
/** Reconnecting after a restart waits for the socket's backoff (at most 8 s) and a resync. */
const RECONNECT = { timeout: 30_000 };

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
	for (const file of ['index.html', 'service-worker.js']) {
		if (!existsSync(new URL(file, BUILD))) throw new Error(`build/${file} is missing: run \`npm run build\` first`);
	}
	[server, browser] = await Promise.all([
		TestServer.start(),
		chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
	]);
});

afterAll(async () => {
	await browser?.close();
	await server?.dispose();
});

async function signIn(email: string): Promise<Page> {
	const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
	const page = await context.newPage();
	await page.goto('/');
	await page.waitForURL('**/login', WAIT);
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill('switchboard');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL('**/inbox', WAIT);
	await page.locator('[data-contact-id]').first().waitFor(WAIT);
	return page;
}

const row = (page: Page, contactId: string) => page.locator(`#contact-list [data-contact-id="${contactId}"]`);
const syncIndicator = (page: Page) => page.getByRole('status').filter({ has: page.locator('.dot') });

async function showAll(page: Page) {
	await page.locator('[data-segment-selector]').click();
	await page.getByRole('menuitemradio', { name: 'All', exact: true }).click();
	await page.locator('[data-list-caption] strong', { hasText: /^All$/ }).waitFor(WAIT);
}

/** Opens a contact and waits for its conversation header (triage lives there, not in the row). */
async function openConversation(page: Page, contactId: string) {
	await row(page, contactId).click();
	await page.locator(`section[aria-label="Conversation"][data-contact="${contactId}"] header h2`).waitFor(WAIT);
}

describe('two agents in two browsers', () => {
	it('see each other live, and keep working with the server down', { timeout: 90_000 }, async () => {
		const [ana, ben] = await Promise.all([signIn('ana@demo.test'), signIn('ben@demo.test')]);
		await Promise.all([showAll(ana), showAll(ben)]);
		const anaId = await ana.evaluate(async () => (await (await fetch('/api/auth/me')).json()).user.id as string);

		// An open, unassigned contact, as Ana sees it.
		const target = ana.locator('#contact-list [data-contact-id][data-status=open][data-assignee=""]').first();
		const contactId = await target.getAttribute('data-contact-id');
		if (!contactId) throw new Error('the demo workspace has no open unassigned contact');
		await row(ben, contactId).waitFor(WAIT);

		// Ana assigns it to herself; Ben's list shows it assigned to her without a reload.
		await openConversation(ana, contactId);
		await ana.getByRole('button', { name: /Change assignment/ }).click();
		await ana.getByRole('menuitem', { name: 'Assign to me' }).click();
		await ana.locator(`#contact-list [data-contact-id="${contactId}"][data-assignee="${anaId}"]`).waitFor(WAIT);
		await ben.locator(`#contact-list [data-contact-id="${contactId}"][data-assignee="${anaId}"]`).waitFor(WAIT);
		// Ben opens it while online, so its conversation is on his device for the offline part.
		await openConversation(ben, contactId);

		// Ben's app shell is cached and everything he has is acknowledged; then the server goes away.
		await ben.evaluate(async () => void (await navigator.serviceWorker.ready));
		await syncIndicator(ben).and(ben.locator('[data-status=online]')).waitFor(WAIT);
		await server.stop();

		// A reload with no server: the shell, the documents and the identity all come from the browser.
		await ben.reload();
		await syncIndicator(ben).and(ben.locator('[data-status=offline]')).waitFor(WAIT);
		await showAll(ben);
		await ben.locator(`#contact-list [data-contact-id="${contactId}"][data-assignee="${anaId}"]`).waitFor(WAIT);

		// An action offline applies at once and waits for the server.
		await ben.getByRole('button', { name: 'Mark Done' }).click();
		await ben.locator(`#contact-list [data-contact-id="${contactId}"][data-status=done]`).waitFor(WAIT);
		await expect(syncIndicator(ben).textContent()).resolves.toContain('1 change waiting');

		// The server comes back: Ben's change reaches Ana, and nothing is left waiting.
		await server.restart();
		await ana.locator(`#contact-list [data-contact-id="${contactId}"][data-status=done]`).waitFor(RECONNECT);
		await syncIndicator(ben).and(ben.locator('[data-status=online][data-waiting="0"]')).waitFor(RECONNECT);
	});
});
