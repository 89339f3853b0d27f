import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, DEMO_AGENTS, goOffline, goOnline, launchBrowser, openContact, RECONNECT, signIn, WAIT } from '../helpers/browser.ts';
import { TestServer } from '../helpers/test-server.ts';

// The conversation column in real Chromium against the real server, with two demo agents in
// two browser contexts: the composer (Enter, Shift+Enter, a snippet with variables, an emoji
// from the bundled data), presence and "is typing", triage from the header by keyboard, and a
// message sent offline that shows as waiting and arrives exactly once. Waits are conditions.

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

interface Agent {
	context: BrowserContext;
	page: Page;
	name: string;
	/** Every URL the page requested, to prove nothing left for the internet. */
	requests: string[];
}

async function agent(email: string): Promise<Agent> {
	const { page, context, name } = await signIn(browser, server, email, { viewport: { width: 1280, height: 800 } });
	const requests: string[] = [];
	page.on('request', (request) => requests.push(request.url()));
	return { context, page, name, requests };
}

/** Opens a contact by URL and waits for its conversation (header and history) to show. */
async function openConversation(page: Page, contactId: string): Promise<Locator> {
	await openContact(page, contactId);
	const pane = page.locator(`section[aria-label="Conversation"][data-contact="${contactId}"]`);
	await pane.locator('header h2').waitFor(WAIT);
	await pane.locator('[role=log] [data-key]').first().waitFor(WAIT);
	return pane;
}

const composer = (pane: Locator) => pane.getByRole('combobox', { name: 'Message' });
const outgoing = (pane: Locator, text: string) => pane.locator('.message.out', { has: pane.page().getByText(text, { exact: true }) });

let ana: Agent;
let ben: Agent;
let contactId: string;
let contactName: string;

describe('the conversation column', () => {
	beforeAll(async () => {
		[ana, ben] = await Promise.all([agent(DEMO_AGENTS.ana), agent(DEMO_AGENTS.ben)]);
		const first = ana.page.locator('#contact-list [data-contact-id]').first();
		await first.waitFor(WAIT);
		contactId = (await first.getAttribute('data-contact-id')) ?? '';
		expect(contactId).not.toBe('');
	});

	it('sends with Enter, keeps Shift+Enter as a new line, fills a snippet’s variables, inserts an emoji', { timeout: 60_000 }, async () => {
		const pane = await openConversation(ana.page, contactId);
		contactName = (await pane.locator('header h2').textContent())?.trim() ?? '';
		const box = composer(pane);

		await box.click();
		await box.pressSequentially('First line');
		await box.press('Shift+Enter');
		await box.pressSequentially('second line');
		await expect(box.inputValue()).resolves.toBe('First line\nsecond line');
		await box.press('Enter');
		await outgoing(pane, 'First line\nsecond line').waitFor(WAIT);
		await expect(box.inputValue()).resolves.toBe('');
		await expect(outgoing(pane, 'First line\nsecond line').locator('.meta').textContent()).resolves.toContain(ana.name);

		// `/hi` opens the picker on the demo's greeting snippet; Enter takes it, Enter sends it filled in.
		await box.pressSequentially('/hi');
		const option = pane.getByRole('option', { name: /\/hi/ });
		await option.waitFor(WAIT);
		await expect(option.getAttribute('aria-selected')).resolves.toBe('true');
		await box.press('Enter');
		const snippet = 'Hi {{contact.firstName}}, this is {{agent.name}}. How can I help you today?';
		await expect(box.inputValue()).resolves.toBe(snippet);
		const filled = `Hi ${contactName.split(/\s+/)[0]}, this is ${ana.name}. How can I help you today?`;
		await expect(pane.getByTestId('composer-preview').textContent()).resolves.toContain(filled);
		await box.press('Enter');
		await outgoing(pane, filled).waitFor(WAIT);

		// The emoji picker loads its data from this server (bundled), never from a CDN.
		await pane.getByRole('button', { name: 'Insert emoji' }).click();
		const picker = pane.locator('emoji-picker');
		await picker.locator('input[type=search]').fill('rocket');
		const rocket = picker.getByRole('option').filter({ hasText: /^\s*🚀\s*$/ });
		await rocket.waitFor(WAIT);
		await rocket.click();
		await expect.poll(() => box.inputValue(), WAIT).toBe('🚀');
		await box.pressSequentially(' launch');
		await box.press('Enter');
		await outgoing(pane, '🚀 launch').waitFor(WAIT);
		const origin = new URL(server.url).origin;
		expect(ana.requests.filter((url) => url.startsWith('http') && !url.startsWith(origin))).toEqual([]);
		expect(ana.requests.some((url) => url.includes('/_app/immutable/assets/') && url.endsWith('.json'))).toBe(true);

		// A draft stays with the contact: away to another conversation and back, it is still there.
		await box.pressSequentially('Unfinished reply');
		const other = ana.page.locator(`#contact-list [data-contact-id]:not([data-contact-id="${contactId}"])`).first();
		await other.click();
		await ana.page.waitForURL((url) => url.searchParams.get('c') !== contactId, WAIT);
		await ana.page.locator(`#contact-list [data-contact-id="${contactId}"]`).click();
		const back = ana.page.locator(`section[aria-label="Conversation"][data-contact="${contactId}"]`);
		await expect.poll(() => composer(back).inputValue(), WAIT).toBe('Unfinished reply');
		await composer(back).fill('');

		// The other agent sees all three, each once.
		const benPane = await openConversation(ben.page, contactId);
		for (const text of ['First line\nsecond line', filled, '🚀 launch']) {
			await outgoing(benPane, text).waitFor(WAIT);
			await expect(outgoing(benPane, text).count()).resolves.toBe(1);
		}
	});

	it('shows who else has the conversation open, and who is typing', { timeout: 60_000 }, async () => {
		const anaPane = await openConversation(ana.page, contactId);
		const benPane = await openConversation(ben.page, contactId);
		await anaPane.getByRole('group', { name: `Also viewing: ${ben.name}` }).waitFor(WAIT);
		await benPane.getByRole('group', { name: `Also viewing: ${ana.name}` }).waitFor(WAIT);

		const typing = anaPane.getByText(`${ben.name.split(' ')[0]} is typing…`);
		await composer(benPane).pressSequentially('Let me check');
		await typing.waitFor(WAIT);
		await composer(benPane).press('Enter');
		await typing.waitFor({ state: 'detached', ...WAIT });
		await outgoing(anaPane, 'Let me check').waitFor(WAIT);

		// Ben moves to another contact: Ana no longer sees him here.
		const other = await ben.page
			.locator(`#contact-list [data-contact-id]:not([data-contact-id="${contactId}"])`)
			.first()
			.getAttribute('data-contact-id');
		await openConversation(ben.page, other ?? '');
		await anaPane.getByRole('group', { name: /Also viewing/ }).waitFor({ state: 'detached', ...WAIT });
	});

	it('assigns by keyboard and marks done from the header, live for the other agent', { timeout: 60_000 }, async () => {
		const anaPane = await openConversation(ana.page, contactId);
		const benPane = await openConversation(ben.page, contactId);
		const trigger = anaPane.getByRole('button', { name: /^Assignee:/ });
		await trigger.focus();
		await ana.page.keyboard.press('Enter');
		const menu = anaPane.getByRole('menu', { name: 'Assign conversation' });
		await menu.waitFor(WAIT);
		// Down the menu to Ben, then Enter.
		const benItem = menu.getByRole('menuitemradio', { name: ben.name });
		for (let i = 0; i < 6 && !(await benItem.evaluate((el) => el === document.activeElement)); i++) {
			await ana.page.keyboard.press('ArrowDown');
		}
		await ana.page.keyboard.press('Enter');
		await menu.waitFor({ state: 'detached', ...WAIT });
		await expect(trigger.evaluate((el) => el === document.activeElement)).resolves.toBe(true);

		await benPane.getByRole('button', { name: 'Assignee: You. Change assignment' }).waitFor(WAIT);
		await benPane.locator('[data-event-type=assigned]', { hasText: `Assigned to you by ${ana.name}` }).waitFor(WAIT);

		await anaPane.getByRole('button', { name: 'Mark Done' }).click();
		await benPane.getByRole('button', { name: 'Reopen' }).waitFor(WAIT);
		await benPane.locator('[data-event-type=marked_done]', { hasText: `Marked done by ${ana.name}` }).last().waitFor(WAIT);
		await benPane.getByRole('button', { name: 'Reopen' }).click();
		await anaPane.getByRole('button', { name: 'Mark Done' }).waitFor(WAIT);
	});

	it('keeps a message sent offline as waiting, and delivers it exactly once on reconnect', { timeout: 90_000 }, async () => {
		const anaPane = await openConversation(ana.page, contactId);
		const benPane = await openConversation(ben.page, contactId);
		const text = `Sent while offline ${Date.now()}`;

		await goOffline(ana.context);
		await ana.page.locator('[data-status=offline]').first().waitFor(WAIT);
		await composer(anaPane).fill(text);
		await composer(anaPane).press('Enter');
		const mine = outgoing(anaPane, text);
		await mine.waitFor(WAIT);
		await expect(mine.getAttribute('data-delivery')).resolves.toBe('waiting');
		await expect(mine.locator('.delivery').textContent()).resolves.toContain('Waiting to sync');
		await expect(mine.locator('.delivery').getAttribute('title')).resolves.toBe('Queued — sends when online');

		// Ben is connected and caught up, and has not got it: it is only on Ana's device.
		await ben.page.locator('[data-status=online]').first().waitFor(WAIT);
		await expect(outgoing(benPane, text).count()).resolves.toBe(0);

		await goOnline(ana.context);
		await outgoing(benPane, text).waitFor(RECONNECT);
		await ana.page.locator('[data-status=online][data-waiting="0"]').first().waitFor(WAIT);
		// On the server now: no longer "waiting to sync" (queued for the channel, or already sent).
		await anaPane.locator('.message.out:not([data-delivery=waiting])', { hasText: text }).waitFor(WAIT);
		// Exactly once on both sides, also after Ben reloads from IndexedDB and the server.
		await expect(outgoing(benPane, text).count()).resolves.toBe(1);
		await expect(outgoing(anaPane, text).count()).resolves.toBe(1);
		const reloaded = await openConversation(ben.page, contactId);
		await outgoing(reloaded, text).waitFor(WAIT);
		await expect(outgoing(reloaded, text).count()).resolves.toBe(1);
	});
});
