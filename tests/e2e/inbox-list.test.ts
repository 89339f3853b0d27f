import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicatorState, listContacts, predefinedFilter, unreadCount } from '../../shared/query/index.ts';
import type { ContactSummary } from '../../shared/schemas/index.ts';
import { assertBuilt, contactRow, DEMO_AGENTS, launchBrowser, showSegment, signIn, WAIT } from '../helpers/browser.ts';
import { TestServer } from '../helpers/test-server.ts';
import { dataNumber, indicator, serverView, type ServerView } from './inbox-fixtures.ts';

// The contact list in real Chromium against the real server and its demo seed: the order and
// every row's markers (unread count and bold, done check) match what the shared queries say
// about the server's documents, and New and Mine with their indicators follow another agent's
// assignment live. Expectations come from the server's data, not from the seed's numbers.

let server: TestServer;
let browser: Browser;
let anaView: ServerView;
let benView: ServerView;

beforeAll(async () => {
	assertBuilt();
	[server, browser] = await Promise.all([TestServer.start(), launchBrowser()]);
	[anaView, benView] = await Promise.all([serverView(server, DEMO_AGENTS.ana), serverView(server, DEMO_AGENTS.ben)]);
});

afterAll(async () => {
	anaView?.close();
	benView?.close();
	await browser?.close();
	await server?.dispose();
});

/** What each rendered row shows, read from the DOM. */
function renderedMarkers(page: Page) {
	return page.locator('#contact-list [data-contact-id]').evaluateAll((rows) =>
		rows.map((row) => {
			const element = row as HTMLElement;
			const name = element.querySelector('.name') as HTMLElement;
			return {
				id: element.dataset.contactId ?? '',
				unread: Number(element.dataset.unread),
				count: element.querySelector('.unread-count')?.firstChild?.textContent ?? null,
				bold: Number(getComputedStyle(name).fontWeight) >= 700,
				done: element.querySelector('[aria-label="Done"]') !== null
			};
		})
	);
}

const listCount = (page: Page) => dataNumber(page, '[data-list-caption] [data-count]', 'count');

describe('the contact list', () => {
	it('shows the rows in order with their unread, bold and done markers', { timeout: 60_000 }, async () => {
		// A tall window renders every row of a list this size: the whole list can be checked.
		const ben = await signIn(browser, server, DEMO_AGENTS.ben, { viewport: { width: 1280, height: 2400 } });
		await showSegment(ben.page, 'all');
		const rows = await benView.rows();
		const markers = await benView.markers();
		const expected = listContacts(rows, predefinedFilter('all'), { me: ben.userId, now: Date.now() });
		await expect.poll(() => listCount(ben.page), WAIT).toBe(expected.length);

		const shown = await renderedMarkers(ben.page);
		expect(shown.length).toBeGreaterThan(20);
		expect(shown.map((row) => row.id)).toEqual(expected.slice(0, shown.length).map((row) => row.id));
		const byId = new Map(expected.map((row) => [row.id, row]));
		let unreadRows = 0;
		let doneRows = 0;
		for (const row of shown) {
			const summary = byId.get(row.id) as ContactSummary;
			const unread = unreadCount(summary, markers.get(row.id) ?? 0);
			expect(row.unread, row.id).toBe(unread);
			expect(row.bold, row.id).toBe(unread > 0);
			expect(row.count, row.id).toBe(unread > 0 ? String(unread) : null);
			expect(row.done, row.id).toBe(summary.status === 'done');
			if (unread > 0) unreadRows++;
			if (row.done) doneRows++;
		}
		// The seed has both kinds among the newest rows, or this test would prove little.
		expect(unreadRows).toBeGreaterThan(0);
		expect(doneRows).toBeGreaterThan(0);
		await ben.context.close();
	});

	it('updates New and Mine with their indicators live when another agent assigns', { timeout: 90_000 }, async () => {
		const [ana, ben] = await Promise.all([
			signIn(browser, server, DEMO_AGENTS.ana),
			signIn(browser, server, DEMO_AGENTS.ben)
		]);
		const now = Date.now();
		const rows = await benView.rows();
		const markers = await benView.markers();
		const newRows = listContacts(rows, predefinedFilter('new'), { me: ben.userId, now });
		const mineRows = listContacts(rows, predefinedFilter('mine'), { me: ben.userId, now });
		await expect.poll(() => indicator(ben.page, 'new'), WAIT).toMatchObject({ count: newRows.length });
		await expect.poll(() => indicator(ben.page, 'mine'), WAIT).toMatchObject({ count: mineRows.length });
		const unreadFor = (row: ContactSummary) => unreadCount(row, markers.get(row.id) ?? 0);
		const target = newRows.find((row) => unreadFor(row) > 0) ?? newRows[0];
		if (!target) throw new Error('the demo workspace has no contact in New');
		const anaNewBefore = (await indicator(ana.page, 'new')).count;

		// Ana assigns a New contact to Ben from the conversation header.
		await ana.page.goto(`/inbox?c=${target.id}`);
		await ana.page.getByRole('button', { name: /Change assignment/ }).click();
		await ana.page.getByRole('menuitemradio', { name: ben.name }).click();

		// Ben's screen follows without a reload: counts, colour, and the row's assignee.
		await expect.poll(() => indicator(ben.page, 'mine'), WAIT).toEqual({
			count: mineRows.length + 1,
			color: unreadFor(target) > 0 || mineRows.some((row) => unreadFor(row) > 0) ? 'orange' : 'blue'
		});
		await expect.poll(async () => (await indicator(ben.page, 'new')).count, WAIT).toBe(newRows.length - 1);
		await expect.poll(async () => (await indicator(ana.page, 'new')).count, WAIT).toBe(anaNewBefore - 1);
		await showSegment(ben.page, 'mine');
		await expect(contactRow(ben.page, target.id).getAttribute('data-assignee')).resolves.toBe(ben.userId);

		// Ben reads it: the row loses its bold and count, his marker reaches the server, and Mine
		// shows what the shared indicator query says about the server's documents now.
		await ben.page.bringToFront();
		await contactRow(ben.page, target.id).click();
		await ben.page.waitForURL(`**/inbox?c=${target.id}`, WAIT);
		await expect.poll(() => contactRow(ben.page, target.id).getAttribute('data-unread'), WAIT).toBe('0');
		expect(await ben.page.locator(`#contact-option-${target.id} .unread-count`).count()).toBe(0);
		await expect.poll(async () => (await benView.markers()).get(target.id) ?? 0, WAIT).toBe(target.incoming);
		const context = { me: ben.userId, now: Date.now(), markers: await benView.markers() };
		const expectedMine = indicatorState(await benView.rows(), predefinedFilter('mine'), context);
		await expect.poll(() => indicator(ben.page, 'mine'), WAIT).toEqual(expectedMine);
		const shown = await renderedMarkers(ben.page);
		expect(shown.length).toBeGreaterThan(0);
		if (shown.some((row) => row.unread > 0)) expect(expectedMine.color).toBe('orange');
		await Promise.all([ana.context.close(), ben.context.close()]);
	});
});
