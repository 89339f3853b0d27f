import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactDocName } from '../../shared/doc/index.ts';
import { MAX_WINDOW, PAGE } from '../../src/lib/stores/conversation-window.ts';
import { startBigConversationServer, type BigConversationServer } from '../helpers/big-conversation.ts';
import { assertBuilt, DEMO_AGENTS, launchBrowser, openContact, signIn, WAIT } from '../helpers/browser.ts';

// A contact with 10,000 messages: the conversation opens at the latest ones, and scrolling up
// loads older ones while what the agent is reading stays where it was on screen. The page never
// holds more than a bounded window of rows however far the agent scrolls. Waits are conditions.

let big: BigConversationServer;
let browser: Browser;

beforeAll(async () => {
	assertBuilt();
	[big, browser] = await Promise.all([startBigConversationServer(10_000), launchBrowser()]);
});

afterAll(async () => {
	await browser?.close();
	await big?.dispose();
});

interface Top {
	key: string;
	top: number;
	scrollTop: number;
	rows: number;
}

/** Jumps the history to its very top, and says which record was first and where it stood. */
function jumpToTop(log: Locator): Promise<Top> {
	return log.evaluate((el) => {
		el.scrollTop = 0;
		const first = el.querySelector<HTMLElement>('[data-key]');
		if (!first) throw new Error('the history is empty');
		return {
			key: first.dataset.key ?? '',
			top: first.getBoundingClientRect().top,
			scrollTop: el.scrollTop,
			rows: el.querySelectorAll('[data-key]').length
		};
	});
}

/** Where a record is now, once records were added above it. */
function positionOf(log: Locator, key: string): Promise<Top> {
	return log.evaluate((el, key) => {
		const item = el.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
		if (!item) throw new Error(`${key} left the page`);
		return { key, top: item.getBoundingClientRect().top, scrollTop: el.scrollTop, rows: el.querySelectorAll('[data-key]').length };
	}, key);
}

const firstKey = (log: Locator) => log.evaluate((el) => el.querySelector<HTMLElement>('[data-key]')?.dataset.key ?? '');

describe('a 10,000-message conversation', () => {
	let page: Page;
	let log: Locator;

	it('opens at the latest messages with a bounded number of rows', { timeout: 60_000 }, async () => {
		({ page } = await signIn(browser, big.server, DEMO_AGENTS.ana));
		await openContact(page, big.contactId);
		const pane = page.locator(`section[aria-label="Conversation"][data-contact="${big.contactId}"]`);
		log = pane.getByRole('log', { name: 'Message history' });
		const latest = log.getByText(big.textOf(big.messages), { exact: true });
		await latest.waitFor(WAIT);
		await expect(latest.isVisible()).resolves.toBe(true);
		// At the bottom, showing a page, not ten thousand rows.
		const state = await log.evaluate((el) => ({
			rows: el.querySelectorAll('[data-key]').length,
			bottom: el.scrollHeight - el.scrollTop - el.clientHeight
		}));
		expect(state.rows).toBeGreaterThan(0);
		expect(state.rows).toBeLessThanOrEqual(PAGE * 2);
		expect(state.bottom).toBeLessThan(48);
	});

	it('loads older messages as the agent scrolls up, keeping the reading position', { timeout: 90_000 }, async () => {
		const target = log.getByText(big.textOf(big.messages - 600), { exact: true });
		let loads = 0;
		while (!(await target.count())) {
			const before = await jumpToTop(log);
			// Older records come in above the one that was first, and it stays where it was.
			await page.waitForFunction(
				([el, key]) => (el as HTMLElement).querySelector<HTMLElement>('[data-key]')?.dataset.key !== key,
				[await log.elementHandle(), before.key] as const,
				WAIT
			);
			const after = await positionOf(log, before.key);
			expect(Math.abs(after.top - before.top)).toBeLessThanOrEqual(2);
			expect(after.scrollTop).toBeGreaterThan(0);
			expect(after.rows).toBeLessThanOrEqual(MAX_WINDOW);
			expect(++loads).toBeLessThan(40);
		}
		expect(loads).toBeGreaterThanOrEqual(600 / PAGE - 2);
		// The window dropped the newest rows on the way up: the latest message is not in the page.
		await expect(log.getByText(big.textOf(big.messages), { exact: true }).count()).resolves.toBe(0);
		// Older messages are in time order, incoming and outgoing alternating.
		const texts = await log.locator('.message .text').allTextContents();
		const numbers = texts.map((text) => Number(/History message (\d+)/.exec(text)?.[1]));
		expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
		expect(await firstKey(log)).toMatch(/^message:/);
	});

	it('goes back to the latest messages', { timeout: 60_000 }, async () => {
		await page.getByRole('button', { name: 'Latest messages' }).click();
		const latest = log.getByText(big.textOf(big.messages), { exact: true });
		await latest.waitFor(WAIT);
		await page.waitForFunction((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 48, await log.elementHandle(), WAIT);
		await expect(log.evaluate((el) => el.querySelectorAll('[data-key]').length)).resolves.toBeLessThanOrEqual(MAX_WINDOW);
	});

	it('after a reload, paints the latest page kept on this device before the document has loaded', { timeout: 90_000 }, async () => {
		// The search feed keeps the head of the conversation it read when the document was stored.
		const docName = contactDocName(big.workspaceId, big.contactId);
		await page.waitForFunction(
			(key) =>
				new Promise<boolean>((resolve) => {
					const open = indexedDB.open('switchboard');
					open.onsuccess = () => {
						const get = open.result.transaction('meta').objectStore('meta').get(key);
						get.onsuccess = () => {
							open.result.close();
							resolve(Array.isArray(get.result?.value?.items) && get.result.value.items.length > 0);
						};
						get.onerror = () => resolve(false);
					};
					open.onerror = () => resolve(false);
				}),
			`head:${docName}`,
			WAIT
		);
		await page.goto('/inbox');
		await page.locator(`#contact-list [data-contact-id="${big.contactId}"]`).waitFor(WAIT);
		// Records, in the page itself, whether the history had rows while the composer (which
		// needs the document) was still missing.
		await page.evaluate((contactId) => {
			const section = `section[aria-label="Conversation"][data-contact="${contactId}"]`;
			const seen = { historyFirst: false, composer: false };
			(window as unknown as { __headSeen: typeof seen }).__headSeen = seen;
			const observer = new MutationObserver(() => {
				const rows = document.querySelector(`${section} [role=log] [data-key]`);
				const composer = document.querySelector(`${section} textarea`);
				if (rows && !composer) seen.historyFirst = true;
				if (composer) {
					seen.composer = true;
					observer.disconnect();
				}
			});
			observer.observe(document.body, { childList: true, subtree: true });
		}, big.contactId);
		await page.locator(`#contact-list [data-contact-id="${big.contactId}"]`).click();
		await page.locator(`section[aria-label="Conversation"][data-contact="${big.contactId}"] textarea`).waitFor(WAIT);
		const seen = await page.evaluate(() => (window as unknown as { __headSeen: { historyFirst: boolean; composer: boolean } }).__headSeen);
		expect(seen).toEqual({ historyFirst: true, composer: true });
		// Then the document's own records: the latest message, at the bottom, one row each.
		log = page.locator(`section[aria-label="Conversation"][data-contact="${big.contactId}"]`).getByRole('log', { name: 'Message history' });
		await expect(log.getByText(big.textOf(big.messages), { exact: true }).count()).resolves.toBe(1);
		await page.waitForFunction((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 48, await log.elementHandle(), WAIT);
	});
});
