import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, DEMO_AGENTS, launchBrowser, renderedIds, signIn, WAIT, type AgentPage } from '../helpers/browser.ts';
import { TestServer } from '../helpers/test-server.ts';

// The inbox by keyboard alone, at 1280×720: j/k and the arrows move a visible cursor through
// the list, Enter opens a contact (into the URL, so Back returns to the previous one), "/"
// searches and the results are walked the same way, "?" shows the shortcuts.

let server: TestServer;
let browser: Browser;
let ana: AgentPage;

beforeAll(async () => {
	assertBuilt();
	[server, browser] = await Promise.all([TestServer.start(), launchBrowser()]);
	ana = await signIn(browser, server, DEMO_AGENTS.ana);
});

afterAll(async () => {
	await browser?.close();
	await server?.dispose();
});

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName ?? '');
const cursor = (page: Page) => page.locator('#contact-list').getAttribute('aria-activedescendant');
const selectedParam = (page: Page) => new URL(page.url()).searchParams.get('c');

describe('keyboard only', () => {
	it('moves through the list, opens contacts, searches and shows the shortcuts', { timeout: 60_000 }, async () => {
		const page = ana.page;
		await page.locator('#contact-list [data-contact-id]').nth(3).waitFor(WAIT);
		const ids = await renderedIds(page);

		// j focuses the list with the cursor on the first row; ↓ ↓ moves it to the third.
		await page.keyboard.press('j');
		await expect.poll(() => focusedId(page), WAIT).toBe('contact-list');
		expect(await cursor(page)).toBe(`contact-option-${ids[0]}`);
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('ArrowDown');
		expect(await cursor(page)).toBe(`contact-option-${ids[2]}`);
		// The cursor is visible while the list has keyboard focus.
		const outline = await page.locator(`#contact-option-${ids[2]}`).evaluate((row) => getComputedStyle(row).outlineStyle);
		expect(outline).not.toBe('none');

		await page.keyboard.press('Enter');
		await expect.poll(() => selectedParam(page), WAIT).toBe(ids[2]);
		await expect(page.locator(`#contact-option-${ids[2]}`).getAttribute('aria-selected')).resolves.toBe('true');
		await page.locator(`section[aria-label="Conversation"][data-contact="${ids[2]}"]`).waitFor(WAIT);

		// k moves up from there; focus stayed in the list after opening.
		await page.keyboard.press('k');
		await page.keyboard.press('Enter');
		await expect.poll(() => selectedParam(page), WAIT).toBe(ids[1]);
		await page.goBack();
		await expect.poll(() => selectedParam(page), WAIT).toBe(ids[2]);
		await expect.poll(() => page.locator(`#contact-option-${ids[2]}`).getAttribute('aria-selected'), WAIT).toBe('true');

		// "/" searches; ↓ and Enter open a result; Escape clears, a second Escape leaves the search.
		const name = (await page.locator(`#contact-option-${ids[0]} .name`).textContent()) ?? '';
		await page.keyboard.press('/');
		await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-search-input')), WAIT).toBe(true);
		await page.keyboard.type(name);
		const first = page.locator(`#search-results [data-result-kind=contact][data-contact-id="${ids[0]}"]`);
		await first.waitFor(WAIT);
		const box = page.locator('[data-search-input]');
		for (let i = 0; i < 20 && (await box.getAttribute('aria-activedescendant')) !== `search-option-c:${ids[0]}`; i++) {
			await page.keyboard.press('ArrowDown');
		}
		await page.keyboard.press('Enter');
		await expect.poll(() => selectedParam(page), WAIT).toBe(ids[0]);
		await page.keyboard.press('Escape');
		await expect(box.inputValue()).resolves.toBe('');
		await page.keyboard.press('Escape');
		await expect.poll(() => focusedId(page), WAIT).toBe('contact-list');

		// "?" shows the shortcuts; Escape closes them.
		await page.keyboard.press('?');
		const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
		await help.waitFor(WAIT);
		await page.keyboard.press('Escape');
		await help.waitFor({ state: 'detached', ...WAIT });
	});
});
