import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listContacts } from '../../shared/query/index.ts';
import type { SegmentFilter } from '../../shared/schemas/index.ts';
import { assertBuilt, DEMO_AGENTS, launchBrowser, renderedIds, signIn, WAIT, type AgentPage } from '../helpers/browser.ts';
import { TestServer } from '../helpers/test-server.ts';
import { dataNumber, serverView, type ServerView } from './inbox-fixtures.ts';

// Segments end to end: Ana builds one in the builder overlay (the list previews it as she
// goes), saves it, and Ben's selector gets it live; Ben's list for it holds exactly what the
// shared filter says about the server's data. Then an edit and a delete reach Ben the same way,
// and Clear ends a preview.

let server: TestServer;
let browser: Browser;
let view: ServerView;
let ana: AgentPage;
let ben: AgentPage;

beforeAll(async () => {
	assertBuilt();
	[server, browser] = await Promise.all([TestServer.start(), launchBrowser()]);
	view = await serverView(server, DEMO_AGENTS.ana);
	[ana, ben] = await Promise.all([signIn(browser, server, DEMO_AGENTS.ana), signIn(browser, server, DEMO_AGENTS.ben)]);
});

afterAll(async () => {
	view?.close();
	await browser?.close();
	await server?.dispose();
});

const caption = (page: Page) => page.locator('[data-list-caption]');
const listCount = (page: Page) => dataNumber(page, '[data-list-caption] [data-count]', 'count');
const builder = (page: Page) => page.locator('[data-segment-builder]');
const selectorButton = (page: Page) => page.locator('[data-segment-selector]');

async function expectedIds(filter: SegmentFilter, me: string): Promise<string[]> {
	return listContacts(await view.rows(), filter, { me, now: Date.now() }).map((row) => row.id);
}

/** The rendered rows as the list shows them: status, assignee and channel. */
function renderedRows(page: Page) {
	return page.locator('#contact-list [data-contact-id]').evaluateAll((rows) =>
		rows.map((row) => ({
			status: (row as HTMLElement).dataset.status,
			assignee: (row as HTMLElement).dataset.assignee,
			channel: row.querySelector('[data-channel]')?.getAttribute('data-channel')
		}))
	);
}

async function openMenu(page: Page) {
	await selectorButton(page).click();
	return page.getByRole('menu', { name: 'Segments' });
}

describe('segments', () => {
	const name = 'WhatsApp waiting for us';
	const filter: SegmentFilter = { channels: ['whatsapp'], status: 'open', assignee: { kind: 'unassigned' } };

	it('built and saved by one agent appear live for another, with the list the filter says', { timeout: 90_000 }, async () => {
		// The Filter button in the search bar opens the builder; the list previews each option.
		await ana.page.getByRole('button', { name: /Filter/ }).click();
		await builder(ana.page).waitFor(WAIT);
		await ana.page.getByRole('checkbox', { name: 'WhatsApp' }).check();
		await ana.page.getByRole('radio', { name: 'Pending' }).check();
		await ana.page.getByLabel('Assignee').selectOption('unassigned');
		const expected = await expectedIds(filter, ana.userId);
		expect(expected.length).toBeGreaterThan(0);
		await expect.poll(() => listCount(ana.page), WAIT).toBe(expected.length);
		await expect(caption(ana.page).getAttribute('data-list-caption')).resolves.toBe('preview');
		await expect(dataNumber(ana.page, '[data-preview-count]', 'preview-count')).resolves.toBe(expected.length);
		expect(await renderedIds(ana.page)).toEqual(expected.slice(0, (await renderedIds(ana.page)).length));

		await ana.page.getByLabel('Segment name').fill(name);
		await ana.page.getByRole('button', { name: 'Save Segment' }).click();
		await builder(ana.page).waitFor({ state: 'detached', ...WAIT });
		await expect.poll(() => selectorButton(ana.page).getAttribute('aria-label'), WAIT).toBe(`Segment: ${name}`);

		// Ben never reloads: the segment arrives through the workspace document.
		const menu = await openMenu(ben.page);
		await menu.getByRole('menuitemradio', { name, exact: true }).click();
		await expect.poll(() => listCount(ben.page), WAIT).toBe(expected.length);
		const ids = await renderedIds(ben.page);
		expect(ids).toEqual(expected.slice(0, ids.length));
		for (const row of await renderedRows(ben.page)) expect(row).toEqual({ status: 'open', assignee: '', channel: 'whatsapp' });
	});

	it('edits and deletes reach the other agent live', { timeout: 90_000 }, async () => {
		const menu = await openMenu(ana.page);
		await menu.getByRole('menuitem', { name: `Edit ${name}` }).click();
		await expect(builder(ana.page).getByRole('heading', { name: 'Edit segment' }).count()).resolves.toBe(1);
		await ana.page.getByRole('radio', { name: 'Any' }).first().check();
		await ana.page.getByLabel('Segment name').fill(`${name} (any status)`);
		await ana.page.getByRole('button', { name: 'Save Segment' }).click();
		await builder(ana.page).waitFor({ state: 'detached', ...WAIT });

		const widened = await expectedIds({ channels: ['whatsapp'], assignee: { kind: 'unassigned' } }, ben.userId);
		await expect.poll(() => selectorButton(ben.page).getAttribute('aria-label'), WAIT).toBe(`Segment: ${name} (any status)`);
		await expect.poll(() => listCount(ben.page), WAIT).toBe(widened.length);

		await (await openMenu(ana.page)).getByRole('menuitem', { name: `Edit ${name} (any status)` }).click();
		await ana.page.getByRole('button', { name: 'Delete' }).click();
		await ana.page.getByRole('button', { name: 'Really delete?' }).click();
		await builder(ana.page).waitFor({ state: 'detached', ...WAIT });
		// Ben was looking at it: his list falls back to All, and his menu no longer has it.
		await expect.poll(() => selectorButton(ben.page).getAttribute('aria-label'), WAIT).toBe('Segment: All');
		const benMenu = await openMenu(ben.page);
		await expect(benMenu.getByRole('menuitemradio', { name: `${name} (any status)` }).count()).resolves.toBe(0);
		await ben.page.keyboard.press('Escape');
	});

	it('keeps a preview after the builder closes, until Clear', { timeout: 60_000 }, async () => {
		await ana.page.getByRole('button', { name: /Filter/ }).click();
		await ana.page.getByRole('checkbox', { name: 'Email' }).check();
		await ana.page.keyboard.press('Escape');
		await builder(ana.page).waitFor({ state: 'detached', ...WAIT });
		const emails = await expectedIds({ channels: ['email'] }, ana.userId);
		await expect.poll(() => caption(ana.page).getAttribute('data-list-caption'), WAIT).toBe('preview');
		await expect.poll(() => listCount(ana.page), WAIT).toBe(emails.length);
		await caption(ana.page).getByRole('button', { name: 'Clear' }).click();
		await expect.poll(() => caption(ana.page).getAttribute('data-list-caption'), WAIT).toBe('segment');
	});
});
