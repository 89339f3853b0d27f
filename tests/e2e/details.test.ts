import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	DEMO_AGENTS,
	WAIT,
	assertBuilt,
	launchBrowser,
	openContact,
	renderedIds,
	showSegment,
	signIn,
	type AgentPage
} from '../helpers/browser.ts';
import { TestServer } from '../helpers/test-server.ts';

// The details column and its Activity tab in two browsers against the real server: two agents
// editing different fields of one contact at once both keep their edit on both screens; tags
// added by typing and by autocomplete, and removed, show live for the other agent; a comment
// with an @mention shows, highlighted, in the other agent's Activity tab.

let server: TestServer;
let browser: Browser;
let ana: AgentPage;
let ben: AgentPage;
/** Three different contacts, one per test, so the tests do not depend on each other. */
let contacts: string[];

beforeAll(async () => {
	assertBuilt();
	[server, browser] = await Promise.all([TestServer.start(), launchBrowser()]);
	[ana, ben] = await Promise.all([signIn(browser, server, DEMO_AGENTS.ana), signIn(browser, server, DEMO_AGENTS.ben)]);
	await showSegment(ana.page, 'all');
	contacts = (await renderedIds(ana.page)).slice(0, 3);
	if (contacts.length < 3) throw new Error('the demo workspace needs three contacts');
});

afterAll(async () => {
	await browser?.close();
	await server?.dispose();
});

const pane = (page: Page): Locator => page.locator('[data-details-contact]');
const fieldValue = (page: Page, field: string) => pane(page).locator(`[data-field="${field}"] button.value`);
const fieldInput = (page: Page, field: string) => pane(page).locator(`[data-field="${field}"] input`);
const chip = (page: Page, label: string) => pane(page).locator(`.chip[data-tag="${label}"]`);

async function openDetails(page: Page, contactId: string, tab: 'Details' | 'Activity' = 'Details') {
	await openContact(page, contactId);
	await pane(page).waitFor(WAIT);
	await pane(page).getByRole('tab', { name: tab }).click();
	await pane(page).locator(`[role=tab][aria-selected=true]`, { hasText: tab }).waitFor(WAIT);
}

describe('contact details across two agents', () => {
	it('keeps both agents’ edits to different fields of one contact made at once', async () => {
		const contactId = contacts[0] ?? '';
		await Promise.all([openDetails(ana.page, contactId), openDetails(ben.page, contactId)]);

		// Both start editing; both save in the same instant.
		await fieldValue(ana.page, 'phone').click();
		await fieldInput(ana.page, 'phone').fill('+44 20 7946 0958');
		await fieldValue(ben.page, 'custom:company').click();
		await fieldInput(ben.page, 'custom:company').fill('Acme E2E Ltd');
		await Promise.all([fieldInput(ana.page, 'phone').press('Enter'), fieldInput(ben.page, 'custom:company').press('Enter')]);

		for (const page of [ana.page, ben.page]) {
			await fieldValue(page, 'phone').filter({ hasText: '+44 20 7946 0958' }).waitFor(WAIT);
			await fieldValue(page, 'custom:company').filter({ hasText: 'Acme E2E Ltd' }).waitFor(WAIT);
		}
		// Enter returned focus to the field, ready for the next edit.
		await expect(fieldValue(ana.page, 'phone').evaluate((el) => el === document.activeElement)).resolves.toBe(true);

		// An invalid email is refused with a reason and nothing is saved; Escape gives up.
		await fieldValue(ana.page, 'email').click();
		await fieldInput(ana.page, 'email').fill('not-an-email');
		await fieldInput(ana.page, 'email').press('Enter');
		await pane(ana.page).getByRole('alert').filter({ hasText: 'email address' }).waitFor(WAIT);
		await fieldInput(ana.page, 'email').press('Escape');
		await expect(fieldInput(ana.page, 'email').count()).resolves.toBe(0);

		// The other agent's history says who changed what.
		await pane(ben.page).getByRole('tab', { name: 'Activity' }).click();
		await pane(ben.page).locator('[data-event-type=profile_updated]', { hasText: 'Phone set to “+44 20 7946 0958”' }).waitFor(WAIT);
	});

	it('adds a new tag by typing, an existing one by autocomplete, and removes one, live for the other agent', async () => {
		const contactId = contacts[1] ?? '';
		await Promise.all([openDetails(ana.page, contactId), openDetails(ben.page, contactId)]);
		const input = pane(ana.page).getByRole('combobox', { name: 'Add a tag' });

		// A brand-new tag: typed, Enter. It joins the workspace catalogue too.
		const fresh = `E2E fresh ${contactId.slice(0, 6)}`;
		await input.fill(fresh);
		await input.press('Enter');
		await chip(ana.page, fresh).waitFor(WAIT);
		await chip(ben.page, fresh).waitFor(WAIT);
		await expect(input.inputValue()).resolves.toBe('');

		// An existing catalogue tag the contact does not have yet, picked with ↓ and Enter.
		const onContact = await pane(ana.page).locator('.chip').evaluateAll((chips) => chips.map((c) => c.getAttribute('data-tag')));
		const existing = ['Billing', 'Bug', 'Lead', 'Urgent', 'VIP'].find((label) => !onContact.includes(label));
		if (!existing) throw new Error('the contact already has every demo tag');
		await input.pressSequentially(existing.slice(0, 3).toLowerCase());
		const option = pane(ana.page).getByRole('option', { name: existing, exact: true });
		await option.waitFor(WAIT);
		await input.press('ArrowDown');
		await expect(option.getAttribute('aria-selected')).resolves.toBe('true');
		await input.press('Enter');
		await chip(ben.page, existing).waitFor(WAIT);

		// Removing by keyboard: focus the chip's × and press Enter.
		await pane(ana.page).getByRole('button', { name: `Remove tag ${fresh}` }).press('Enter');
		await chip(ben.page, fresh).waitFor({ state: 'detached', ...WAIT });
		await expect(chip(ben.page, existing).count()).resolves.toBe(1);
		await expect(chip(ana.page, fresh).count()).resolves.toBe(0);
	});

	it('shows a comment with an @mention, highlighted, in the other agent’s Activity tab', async () => {
		const contactId = contacts[2] ?? '';
		await Promise.all([openDetails(ana.page, contactId, 'Activity'), openDetails(ben.page, contactId, 'Activity')]);
		await expect(pane(ana.page).getByText('only your team sees them').count()).resolves.toBe(1);

		const box = pane(ana.page).getByRole('combobox', { name: 'Internal comment' });
		await box.click();
		await box.pressSequentially('Could you call them back, @Be');
		await pane(ana.page).getByRole('option', { name: ben.name }).waitFor(WAIT);
		await box.press('Enter');
		await box.pressSequentially('? Thanks');
		await expect(box.inputValue()).resolves.toBe(`Could you call them back, @${ben.name} ? Thanks`);
		await box.press('Control+Enter');
		await expect(box.inputValue()).resolves.toBe('');

		const comment = pane(ben.page).locator('[data-comment-id]', { hasText: 'Could you call them back' });
		await comment.waitFor(WAIT);
		const mention = comment.locator(`mark.mention[data-user-id="${ben.userId}"]`);
		await expect(mention.textContent()).resolves.toBe(`@${ben.name}`);
		// For Ben it is his own mention, which stands out.
		await expect(mention.getAttribute('class')).resolves.toContain('me');
		await expect(comment.textContent()).resolves.toContain(ana.name);
	});
});
