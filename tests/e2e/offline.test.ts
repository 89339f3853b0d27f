import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactSummary, Message } from '../../shared/schemas/index.ts';
import { wordsOf } from '../../src/lib/sync/search-index-text.ts';
import {
	assertBuilt,
	DEMO_AGENTS,
	goOffline,
	goOnline,
	launchBrowser,
	openContact,
	showSegment,
	signIn,
	WAIT,
	type AgentPage
} from '../helpers/browser.ts';
import { TestServer } from '../helpers/test-server.ts';
import { serverView, type ServerView } from './inbox-fixtures.ts';

// A reload with the network really off (HTTP fails and the sync socket is cut, not only the
// server stopped): the service worker serves the app shell, the inbox opens from IndexedDB,
// a conversation opened before shows its history, one never opened but assigned to the agent
// was prefetched and opens too, and search finds words of old messages of both. And a reload
// paints the list from the rows snapshot first, then shows the documents' rows.

let server: TestServer;
let browser: Browser;
let view: ServerView;
let ana: AgentPage;

beforeAll(async () => {
	assertBuilt();
	[server, browser] = await Promise.all([TestServer.start(), launchBrowser()]);
	view = await serverView(server, DEMO_AGENTS.ana);
	ana = await signIn(browser, server, DEMO_AGENTS.ana);
});

afterAll(async () => {
	view?.close();
	await browser?.close();
	await server?.dispose();
});

const conversation = (page: Page, contactId: string) => page.locator(`section[aria-label="Conversation"][data-contact="${contactId}"]`);
const historyText = (page: Page, contactId: string, text: string) =>
	conversation(page, contactId).locator('[role=log] .message', { hasText: text });
const searchResult = (page: Page, contactId: string) =>
	page.locator(`#search-results [data-result-kind="conversation"][data-contact-id="${contactId}"]`);

/** A word of the contact's oldest messages that its list row does not hold (so only the message index can find it). */
function oldWord(row: ContactSummary, messages: Message[]): { word: string; message: Message } | null {
	const inRow = new Set(wordsOf(row.last?.text ?? ''));
	for (const message of messages.slice(0, -1)) {
		const word = wordsOf(message.text).find((candidate) => candidate.length >= 6 && !/\d/.test(candidate) && !inRow.has(candidate));
		if (word) return { word, message };
	}
	return null;
}

async function pick(rows: ContactSummary[], accept: (row: ContactSummary) => boolean) {
	for (const row of rows.filter(accept)) {
		const found = oldWord(row, await view.messages(row.id));
		if (found) return { row, ...found };
	}
	throw new Error('the demo workspace has no contact to pick');
}

/** Rows of one document in the page's IndexedDB: what is on this device. */
function storedRows(page: Page, doc: string): Promise<number> {
	return page.evaluate(
		(name) =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('switchboard');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const count = db.transaction('updates').objectStore('updates').index('doc').count(name);
					count.onsuccess = () => {
						db.close();
						resolve(count.result);
					};
					count.onerror = () => reject(count.error);
				};
			}),
		doc
	);
}

async function search(page: Page, text: string): Promise<void> {
	await page.keyboard.press('Control+K');
	await page.locator('[data-search-input]').fill(text);
}

describe('offline', () => {
	it('reloads with the network off: the inbox, a conversation opened before, a prefetched one, and search', { timeout: 120_000 }, async () => {
		const rows = await view.rows();
		// Opened once on this device, online.
		const seen = await pick(rows, (row) => row.assignee !== ana.userId);
		// Never opened here: only the prefetch of assigned conversations brings it.
		const mine = await pick(rows, (row) => row.assignee === ana.userId && row.status === 'open' && row.id !== seen.row.id);

		await openContact(ana.page, seen.row.id);
		await historyText(ana.page, seen.row.id, seen.message.text).first().waitFor(WAIT);
		const contactDoc = (id: string) => `contact/${view.workspaceId}/${id}`;
		await expect.poll(() => storedRows(ana.page, contactDoc(mine.row.id)), WAIT).toBeGreaterThan(0);
		// The shell is cached and this page is controlled by the service worker.
		await ana.page.evaluate(async () => void (await navigator.serviceWorker.ready));
		await expect.poll(() => ana.page.evaluate(() => navigator.serviceWorker.controller !== null), WAIT).toBe(true);

		await goOffline(ana.context);
		const response = await ana.page.reload();
		expect(response?.fromServiceWorker()).toBe(true);
		// Really offline: the API cannot be reached from the page.
		await expect(ana.page.evaluate(() => fetch('/api/auth/me').then(() => 'reached', () => 'failed'))).resolves.toBe('failed');

		// The inbox, from IndexedDB.
		await ana.page.locator('[data-status=offline]').waitFor(WAIT);
		await showSegment(ana.page, 'all');
		await ana.page.locator('#contact-list [data-contact-id]').first().waitFor(WAIT);
		await expect(ana.page.locator('#contact-list [data-contact-id]').count()).resolves.toBeGreaterThan(10);

		// The conversation opened before, and the prefetched one, with their old messages (by
		// URL: each is one more navigation the service worker answers).
		for (const { row, message } of [seen, mine]) {
			await openContact(ana.page, row.id);
			await conversation(ana.page, row.id).locator('header h2').waitFor(WAIT);
			await historyText(ana.page, row.id, message.text).first().waitFor(WAIT);
		}

		// Search: a word of an old message of each, from the local index.
		for (const { row, word } of [seen, mine]) {
			await search(ana.page, word);
			await searchResult(ana.page, row.id).waitFor(WAIT);
			await ana.page.keyboard.press('Escape');
		}
		await expect(ana.page.locator('[data-status=offline]').count()).resolves.toBe(1);
	});

	it('paints a reload from the list snapshot, then shows what the documents hold', { timeout: 90_000 }, async () => {
		await goOnline(ana.context);
		await ana.page.goto('/inbox');
		await ana.page.locator('[data-status=online]').waitFor(WAIT);
		// All 64 shards' rows are written in idle time after the shards load.
		await expect.poll(() => snapshotCount(ana.page), { timeout: 30_000 }).toBe(64);
		const ghost = `Ghost ${Date.now()}`;
		await addGhostRow(ana.page, view.workspaceId, ghost);
		await ana.context.addInitScript((name) => {
			const observer = new MutationObserver(() => {
				if (document.body?.textContent?.includes(name)) (window as unknown as { sawGhost: boolean }).sawGhost = true;
			});
			observer.observe(document, { childList: true, subtree: true, characterData: true });
		}, ghost);

		await ana.page.goto('/inbox');
		await showSegment(ana.page, 'all');
		// The first paint came from the snapshot (the ghost sorts first), the documents then won.
		await expect.poll(() => ana.page.evaluate(() => (window as unknown as { sawGhost?: boolean }).sawGhost === true), WAIT).toBe(true);
		await ana.page.locator('[data-status=online]').waitFor(WAIT);
		await ana.page.locator('#contact-list [data-contact-id="ghost-row"]').waitFor({ state: 'detached', ...WAIT });
		const rows = await view.rows();
		await expect.poll(() => ana.page.locator('[data-list-caption] [data-count]').getAttribute('data-count'), WAIT).toBe(
			String(rows.filter((row) => row.snoozedUntil === null || row.snoozedUntil <= Date.now()).length)
		);
	});
});

/** How many shards' rows the page's list snapshot holds. */
function snapshotCount(page: Page): Promise<number> {
	return page.evaluate(
		() =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('switchboard');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const count = db.transaction('meta').objectStore('meta').count(IDBKeyRange.bound('rows:', 'rows:\uffff'));
					count.onsuccess = () => {
						db.close();
						resolve(count.result);
					};
				};
			})
	);
}

/** Adds a row no document holds to shard 0's snapshot, newest of all so it renders first. */
function addGhostRow(page: Page, workspaceId: string, name: string): Promise<void> {
	return page.evaluate(
		({ key, name }) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('switchboard');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const tx = db.transaction('meta', 'readwrite');
					const store = tx.objectStore('meta');
					const get = store.get(key);
					get.onsuccess = () => {
						const record = get.result as { key: string; value: { v: number; rows: object[] } };
						const at = Date.now() + 86_400_000;
						record.value.rows.push({
							id: 'ghost-row', name, channel: 'sms', phone: null, email: null, avatarUrl: null, createdAt: at,
							status: 'open', assignee: null, snoozedUntil: null, tags: [], incoming: 0,
							last: { messageId: 'ghost-message', at, direction: 'in', text: 'boo' }
						});
						store.put(record);
					};
					tx.oncomplete = () => {
						db.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
			}),
		{ key: `rows:${workspaceId}:0`, name }
	);
}
