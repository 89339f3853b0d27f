import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, contactRow, DEMO_AGENTS, launchBrowser, signIn, WAIT } from '../helpers/browser.ts';
import { TestServer } from '../helpers/test-server.ts';

// Snooze from the conversation header for a short custom time: the contact leaves both agents'
// lists at once, the history says who snoozed it until when, and when the time comes it
// returns to both lists on its own, with no reload and no click. Waits are conditions.

/** How far ahead the snooze ends: long enough to see the contact gone, short for a test. */
const SNOOZE_MS = 8_000;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
	assertBuilt();
	[server, browser] = await Promise.all([TestServer.start(), launchBrowser()]);
});

afterAll(async () => {
	await browser?.close();
	await server?.dispose();
});

/** Signed in, on the New list (the default), with its first rows rendered. */
async function inbox(email: string): Promise<Page> {
	const { page } = await signIn(browser, server, email);
	await page.locator('#contact-list [data-contact-id]').first().waitFor(WAIT);
	return page;
}

const row = contactRow;

describe('snooze', () => {
	it('hides the contact until the chosen time, then it comes back by itself', { timeout: 90_000 }, async () => {
		const [ana, ben] = await Promise.all([inbox(DEMO_AGENTS.ana), inbox(DEMO_AGENTS.ben)]);
		// The first contact of New: open and unassigned, so Ben's New list shows it too.
		const contactId = (await ana.locator('#contact-list [data-contact-id]').first().getAttribute('data-contact-id')) ?? '';
		expect(contactId).not.toBe('');
		await row(ben, contactId).waitFor(WAIT);

		await row(ana, contactId).click();
		await ana.waitForURL(`**/inbox?c=${contactId}`, WAIT);
		const pane = ana.locator(`section[aria-label="Conversation"][data-contact="${contactId}"]`);
		await pane.locator('header h2').waitFor(WAIT);

		// The alarm icon; the custom date and time, a few seconds ahead in the browser's own time zone.
		await pane.getByRole('button', { name: 'Snooze' }).click();
		const menu = pane.getByRole('menu', { name: 'Snooze until' });
		await menu.getByRole('menuitem', { name: /1 hour/ }).waitFor(WAIT);
		const until = await ana.evaluate((ms) => {
			const at = new Date(Date.now() + ms);
			const pad = (n: number) => String(n).padStart(2, '0');
			const local = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
			return { local, at: Math.floor(at.getTime() / 1000) * 1000 };
		}, SNOOZE_MS);
		await menu.getByLabel('A date and time').fill(until.local);
		await menu.getByRole('menuitem', { name: 'Snooze', exact: true }).click();
		await menu.waitFor({ state: 'detached', ...WAIT });

		// Gone from both lists at once; the header and the history say so.
		await row(ana, contactId).waitFor({ state: 'detached', ...WAIT });
		await row(ben, contactId).waitFor({ state: 'detached', ...WAIT });
		await pane.getByRole('button', { name: /^Snoozed until/ }).waitFor(WAIT);
		await pane.locator('[data-event-type=snoozed]', { hasText: /Snoozed until .+ by you/ }).waitFor(WAIT);
		expect(Date.now()).toBeLessThan(until.at);

		// Back when the time comes, without a reload.
		const back = { timeout: SNOOZE_MS + 20_000 };
		await row(ana, contactId).waitFor(back);
		await row(ben, contactId).waitFor(back);
		expect(Date.now()).toBeGreaterThanOrEqual(until.at);
		await pane.getByRole('button', { name: 'Snooze', exact: true }).waitFor(WAIT);
	});

	it('offers the preset times and unsnoozes early', { timeout: 60_000 }, async () => {
		const ana = await inbox(DEMO_AGENTS.ana);
		const contactId = (await ana.locator('#contact-list [data-contact-id]').first().getAttribute('data-contact-id')) ?? '';
		await row(ana, contactId).click();
		const pane = ana.locator(`section[aria-label="Conversation"][data-contact="${contactId}"]`);
		await pane.locator('header h2').waitFor(WAIT);

		// Keyboard: the menu opens with focus on its first choice.
		await pane.getByRole('button', { name: 'Snooze' }).focus();
		await ana.keyboard.press('Enter');
		const menu = pane.getByRole('menu', { name: 'Snooze until' });
		const labels = await menu.getByRole('menuitem').allTextContents();
		expect(labels.map((label) => label.replace(/\s+/g, ' ').trim().split(' ').slice(0, 2).join(' '))).toEqual([
			'1 hour',
			'3 hours',
			'Tomorrow 9:00',
			'Next week',
			'Snooze'
		]);
		await expect(menu.getByRole('menuitem', { name: /1 hour/ }).evaluate((el) => el === document.activeElement)).resolves.toBe(true);
		await ana.keyboard.press('ArrowDown');
		await ana.keyboard.press('Enter'); // 3 hours
		await row(ana, contactId).waitFor({ state: 'detached', ...WAIT });

		await pane.getByRole('button', { name: /^Snoozed until/ }).click();
		await menu.getByRole('menuitem', { name: 'Unsnooze' }).click();
		await row(ana, contactId).waitFor(WAIT);
		await pane.locator('[data-event-type=unsnoozed]', { hasText: 'Unsnoozed by you' }).waitFor(WAIT);
	});
});
