import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENTS, WAIT, assertBuilt, launchBrowser, signIn, type AgentPage } from '../helpers/browser.ts';
import { TestServer } from '../helpers/test-server.ts';

// Settings in two browsers: Ana (owner) creates a snippet and a custom field, reorders and
// deletes, with the keyboard where it matters; Ben (agent) sees every change live, read-only.

let server: TestServer;
let browser: Browser;
let ana: AgentPage;
let ben: AgentPage;

beforeAll(async () => {
	assertBuilt();
	[server, browser] = await Promise.all([TestServer.start(), launchBrowser()]);
	[ana, ben] = await Promise.all([signIn(browser, server, DEMO_AGENTS.ana), signIn(browser, server, DEMO_AGENTS.ben)]);
});

afterAll(async () => {
	await browser?.close();
	await server?.dispose();
});

/** From the inbox, the way an agent gets there: the header's Settings link, then a section. */
async function openSettings(page: Page, section: 'Snippets' | 'Custom fields') {
	await page.getByRole('link', { name: 'Settings' }).click();
	await page.waitForURL('**/settings/snippets', WAIT);
	await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: section }).click();
	await page.getByRole('heading', { level: 2, name: section }).waitFor(WAIT);
}

describe('settings across two agents', () => {
	it('a snippet created by the owner appears live for an agent, who cannot change it', async () => {
		await Promise.all([openSettings(ana.page, 'Snippets'), openSettings(ben.page, 'Snippets')]);
		await ben.page.getByRole('note').filter({ hasText: 'only workspace owners can change them' }).waitFor(WAIT);
		await expect(ben.page.getByRole('button', { name: 'New snippet' }).count()).resolves.toBe(0);

		await ana.page.getByRole('button', { name: 'New snippet' }).click();
		const form = ana.page.getByRole('form', { name: 'New snippet' });
		await form.getByLabel('Shortcut').fill('e2e-refund');
		// A shortcut in use is refused, with the reason.
		await form.getByLabel('Shortcut').fill('hi');
		await form.getByLabel('Text').fill('Hello ');
		await form.getByRole('button', { name: 'Create snippet' }).click();
		await form.getByText('Another snippet uses /hi already.').waitFor(WAIT);
		await form.getByLabel('Shortcut').fill('e2e-refund');
		// Variables go in at the cursor.
		await form.getByLabel('Text').press('End');
		await form.getByRole('button', { name: '{{contact.firstName}}' }).click();
		await form.getByLabel('Text').pressSequentially(', your refund is on its way.');
		await form.getByLabel('Text').press('Control+Enter');
		await form.waitFor({ state: 'detached', ...WAIT });

		const text = 'Hello {{contact.firstName}}, your refund is on its way.';
		for (const page of [ana.page, ben.page]) {
			await page.locator('[data-snippet="e2e-refund"]', { hasText: text }).waitFor(WAIT);
		}
		await expect(ben.page.getByRole('button', { name: 'Edit snippet /e2e-refund' }).count()).resolves.toBe(0);

		// Edit, then delete (confirmed): the agent's list follows.
		await ana.page.getByRole('button', { name: 'Edit snippet /e2e-refund' }).click();
		const edit = ana.page.getByRole('form', { name: 'Edit snippet /e2e-refund' });
		await edit.getByLabel('Text').fill('Your refund is on its way.');
		await edit.getByRole('button', { name: 'Save snippet' }).click();
		await ben.page.locator('[data-snippet="e2e-refund"]', { hasText: 'Your refund is on its way.' }).waitFor(WAIT);
		await ana.page.getByRole('button', { name: 'Delete snippet /e2e-refund' }).click();
		await ana.page.getByRole('group', { name: 'Confirm deleting snippet /e2e-refund' }).getByRole('button', { name: 'Delete' }).click();
		await ben.page.locator('[data-snippet="e2e-refund"]').waitFor({ state: 'detached', ...WAIT });
	});

	it('a custom field created and moved by the owner appears live, in order, for an agent', async () => {
		const nav = (page: Page) => page.getByRole('navigation', { name: 'Settings sections' });
		await Promise.all([
			nav(ana.page).getByRole('link', { name: 'Custom fields' }).click(),
			nav(ben.page).getByRole('link', { name: 'Custom fields' }).click()
		]);
		await Promise.all([ana.page, ben.page].map((page) => page.getByRole('heading', { level: 2, name: 'Custom fields' }).waitFor(WAIT)));

		await ana.page.getByRole('button', { name: 'New field' }).click();
		const form = ana.page.getByRole('form', { name: 'New custom field' });
		await form.getByLabel('Label').fill('Loyalty tier');
		await form.getByLabel('Type').selectOption('choice');
		await form.getByLabel('Options').fill('Bronze\nSilver\n\nGold\nSilver');
		await form.getByText('3 options').waitFor(WAIT);
		await form.getByLabel('Label').press('Enter');
		await form.waitFor({ state: 'detached', ...WAIT });

		const labels = (page: Page) =>
			page.locator('[data-field-id] .label').evaluateAll((nodes) => nodes.map((node) => node.textContent?.trim()));
		const row = (page: Page) => page.locator('[data-field-id]', { hasText: 'Loyalty tier' });
		await row(ben.page).filter({ hasText: 'Bronze · Silver · Gold' }).waitFor(WAIT);
		const before = await labels(ben.page);
		expect(before.at(-1)).toBe('Loyalty tier');

		// Moved up twice from the keyboard: focus stays on the moved field's button.
		const up = ana.page.getByRole('button', { name: 'Move Loyalty tier up' });
		await up.focus();
		await ana.page.keyboard.press('Enter');
		await expect.poll(() => labels(ana.page)).toEqual([...before.slice(0, -2), 'Loyalty tier', before.at(-2)]);
		await expect.poll(() => ana.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move Loyalty tier up');
		await ana.page.keyboard.press('Enter');
		const moved = [...before.slice(0, -3), 'Loyalty tier', ...before.slice(-3, -1)];
		await expect.poll(() => labels(ben.page), WAIT).toEqual(moved);
	});
});
