import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactSummary, Message } from '../../shared/schemas/index.ts';
import { fold, wordsOf } from '../../src/lib/sync/search-index-text.ts';
import { assertBuilt, DEMO_AGENTS, launchBrowser, signIn, WAIT, type AgentPage } from '../helpers/browser.ts';
import { TestServer } from '../helpers/test-server.ts';
import { serverView, type ServerView } from './inbox-fixtures.ts';

// The search bar in real Chromium: a contact found by part of its phone number typed with other
// spacing, and a conversation found by a word that only its oldest message holds, through the
// local message index (the conversation was opened once, so it is on this device), with the
// match highlighted, opened by keyboard, and found again with the server stopped.

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

const searchBox = (page: Page) => page.locator('[data-search-input]');
const result = (page: Page, kind: 'contact' | 'conversation', contactId: string) =>
	page.locator(`#search-results [data-result-kind="${kind}"][data-contact-id="${contactId}"]`);
const marks = (page: Page, kind: 'contact' | 'conversation', contactId: string) =>
	result(page, kind, contactId).locator('mark').allTextContents();

/** A word of the oldest message possible that no later message and no list preview holds. */
function oldWord(row: ContactSummary, messages: Message[]): { word: string; message: Message } | null {
	for (const [i, message] of messages.entries()) {
		const later = new Set(messages.slice(i + 1).flatMap((other) => wordsOf(other.text)));
		for (const word of wordsOf(row.last?.text ?? '')) later.add(word);
		const word = wordsOf(message.text).find((candidate) => candidate.length >= 6 && !/\d/.test(candidate) && !later.has(candidate));
		if (word && i < messages.length - 2) return { word, message };
	}
	return null;
}

async function search(page: Page, text: string): Promise<void> {
	await page.locator('[data-segment-selector]').waitFor(WAIT);
	await page.keyboard.press('Control+K');
	await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-search-input')), WAIT).toBe(true);
	await searchBox(page).fill(text);
}

describe('search', () => {
	it('finds a contact by part of its phone number and a conversation by a word of an old message', { timeout: 90_000 }, async () => {
		const rows = await view.rows();
		let picked: { row: ContactSummary; word: string } | null = null;
		for (const row of rows.filter((candidate) => candidate.phone !== null)) {
			const messages = await view.messages(row.id);
			const found = messages.length >= 4 ? oldWord(row, messages) : null;
			if (found) {
				picked = { row, word: found.word };
				break;
			}
		}
		if (!picked) throw new Error('no seeded contact with a phone and an old message to search for');
		const { row, word } = picked;

		// Phone: the last eight digits, spaced differently from how the number is written.
		const digits = (row.phone ?? '').replace(/\D/g, '').slice(-8);
		await search(ana.page, `${digits.slice(0, 3)} ${digits.slice(3)}`);
		await result(ana.page, 'contact', row.id).waitFor(WAIT);
		expect((await marks(ana.page, 'contact', row.id)).join('').replace(/\D/g, '')).toBe(digits);

		// Messages are searched on this device: open the conversation once, then go elsewhere.
		await ana.page.goto(`/inbox?c=${row.id}`);
		await ana.page.locator(`section[aria-label="Conversation"][data-contact="${row.id}"] [role=log]`).waitFor(WAIT);
		const other = rows.find((candidate) => candidate.id !== row.id) as ContactSummary;
		await ana.page.goto(`/inbox?c=${other.id}`);
		await search(ana.page, word.toUpperCase());
		await result(ana.page, 'conversation', row.id).waitFor(WAIT);
		expect((await marks(ana.page, 'conversation', row.id)).map(fold)).toContain(word);

		// Keyboard: ↓ until the conversation is under the cursor, Enter opens it.
		const optionId = `search-option-m:${row.id}`;
		for (let i = 0; i < 50; i++) {
			if ((await searchBox(ana.page).getAttribute('aria-activedescendant')) === optionId) break;
			await ana.page.keyboard.press('ArrowDown');
		}
		await expect(searchBox(ana.page).getAttribute('aria-activedescendant')).resolves.toBe(optionId);
		await ana.page.keyboard.press('Enter');
		await ana.page.waitForURL(`**/inbox?c=${row.id}`, WAIT);

		// A conversation never opened here is still found by its latest message, which its list row holds.
		const unopened = rows.find(
			(candidate) => candidate.id !== row.id && candidate.id !== other.id && wordsOf(candidate.last?.text ?? '').some((w) => w.length >= 6 && !/\d/.test(w))
		) as ContactSummary;
		const latestWord = wordsOf(unopened.last?.text ?? '').find((w) => w.length >= 6 && !/\d/.test(w)) as string;
		await searchBox(ana.page).fill(latestWord);
		await result(ana.page, 'conversation', unopened.id).waitFor(WAIT);

		// Escape clears the search and the list is back. With the server gone, search still works:
		// it never asked the server.
		await ana.page.keyboard.press('Escape');
		await ana.page.locator('#contact-list').waitFor(WAIT);
		await server.stop();
		await ana.page.locator('[data-status=offline]').waitFor(WAIT);
		await search(ana.page, word);
		await result(ana.page, 'conversation', row.id).waitFor(WAIT);
		await searchBox(ana.page).fill(digits);
		await result(ana.page, 'contact', row.id).waitFor(WAIT);
	});
});
