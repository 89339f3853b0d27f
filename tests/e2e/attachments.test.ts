import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, DEMO_AGENTS, goOffline, goOnline, launchBrowser, openContact, RECONNECT, signIn, WAIT, type AgentPage } from '../helpers/browser.ts';
import { createOutsider, samplePdf, samplePng, sampleElf } from '../helpers/files.ts';
import { TestServer } from '../helpers/test-server.ts';

// Attachments in real Chromium against the real server, two agents in two contexts: the paper
// clip uploads a picture, which both agents see as a thumbnail; a document is a card that a
// member downloads (and someone of another workspace cannot); an executable named .png is
// refused in the composer; a file attached offline waits on the device and goes out, once,
// when the connection is back.

let server: TestServer;
let browser: Browser;
let ana: AgentPage;
let ben: AgentPage;
let contactId: string;

beforeAll(async () => {
	assertBuilt();
	[server, browser] = await Promise.all([TestServer.start(), launchBrowser()]);
	[ana, ben] = await Promise.all([signIn(browser, server, DEMO_AGENTS.ana), signIn(browser, server, DEMO_AGENTS.ben)]);
	const first = ana.page.locator('#contact-list [data-contact-id]').first();
	await first.waitFor(WAIT);
	contactId = (await first.getAttribute('data-contact-id')) ?? '';
	await Promise.all([openConversation(ana.page), openConversation(ben.page)]);
});

afterAll(async () => {
	await browser?.close();
	await server?.dispose();
});

async function openConversation(page: Page): Promise<Locator> {
	await openContact(page, contactId);
	const pane = page.locator(`section[aria-label="Conversation"][data-contact="${contactId}"]`);
	await pane.locator('[role=log] [data-key]').first().waitFor(WAIT);
	return pane;
}

const pane = (page: Page) => page.locator(`section[aria-label="Conversation"][data-contact="${contactId}"]`);
const chip = (page: Page, name: string) => pane(page).locator('[data-upload]', { hasText: name });

async function attach(page: Page, files: Array<{ name: string; mimeType: string; buffer: Buffer }>) {
	await pane(page).getByRole('button', { name: 'Attach files' }).waitFor(WAIT);
	const chooser = page.waitForEvent('filechooser');
	await pane(page).getByRole('button', { name: 'Attach files' }).click();
	await (await chooser).setFiles(files);
}

/** The outgoing message carrying a file of this name. */
const messageWithFile = (page: Page, name: string) =>
	pane(page).locator('.message.out', { has: page.locator(`[data-file-id]`, { hasText: name }).or(page.locator(`img[alt="${name}"]`)) });

describe('attachments', () => {
	it('uploads a picture with the paper clip; both agents see its thumbnail', { timeout: 60_000 }, async () => {
		await attach(ana.page, [{ name: 'damaged-box.png', mimeType: 'image/png', buffer: await samplePng(1400, 900, '#b5472f') }]);
		await chip(ana.page, 'damaged-box.png').and(ana.page.locator('[data-state="done"]')).waitFor(WAIT);
		await pane(ana.page).getByRole('combobox', { name: 'Message' }).fill('Photo of the parcel as it arrived');
		await pane(ana.page).getByRole('button', { name: 'Send' }).click();

		for (const agent of [ana, ben]) {
			const image = messageWithFile(agent.page, 'damaged-box.png').locator('img[alt="damaged-box.png"]');
			await image.waitFor(WAIT);
			await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), WAIT).toBe(480);
			expect(await image.getAttribute('src')).toMatch(/^\/api\/files\/[\w-]+\/thumbnail$/);
		}
		expect(await chip(ana.page, 'damaged-box.png').count()).toBe(0);
		await ana.page.screenshot({ path: 'test-results/attachments-thumbnail.png' });
	});

	it('shows a document as a card that a member downloads, and nobody else', { timeout: 60_000 }, async () => {
		const pdf = samplePdf('Invoice 4711');
		await attach(ana.page, [{ name: 'invoice-4711.pdf', mimeType: 'application/pdf', buffer: pdf }]);
		await chip(ana.page, 'invoice-4711.pdf').and(ana.page.locator('[data-state="done"]')).waitFor(WAIT);
		// A message may be only files.
		await pane(ana.page).getByRole('button', { name: 'Send' }).click();

		const card = pane(ben.page).locator('[data-file-id]', { hasText: 'invoice-4711.pdf' });
		await card.waitFor(WAIT);
		expect(await card.textContent()).toContain('PDF');
		const downloading = ben.page.waitForEvent('download');
		await card.getByRole('link', { name: 'Download invoice-4711.pdf' }).click();
		const download = await downloading;
		expect(download.suggestedFilename()).toBe('invoice-4711.pdf');
		const stream = await download.createReadStream();
		const chunks: Buffer[] = [];
		for await (const chunk of stream) chunks.push(chunk as Buffer);
		expect(Buffer.concat(chunks).equals(pdf)).toBe(true);

		const fileId = await card.getAttribute('data-file-id');
		const outsider = await createOutsider(server);
		const cookie = await server.login(outsider.email, outsider.password);
		const refused = await fetch(`${server.url}/api/files/${fileId}`, { headers: { cookie } });
		expect(refused.status).toBe(404);
		expect((await fetch(`${server.url}/api/files/${fileId}`)).status).toBe(401);
	});

	it('refuses an executable renamed .png, by its content', { timeout: 60_000 }, async () => {
		await attach(ana.page, [{ name: 'cute-cat.png', mimeType: 'image/png', buffer: sampleElf() }]);
		const refused = chip(ana.page, 'cute-cat.png').and(ana.page.locator('[data-state="refused"]'));
		await refused.waitFor(WAIT);
		expect(await refused.textContent()).toContain('is a program');
		// Only a refused file and no text: nothing to send.
		expect(await pane(ana.page).getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
		await refused.getByRole('button', { name: 'Remove cute-cat.png' }).click();
		await chip(ana.page, 'cute-cat.png').waitFor({ state: 'detached', ...WAIT });
	});

	it('keeps a file attached offline on the device, and sends it once when back online', { timeout: 90_000 }, async () => {
		await goOffline(ana.context);
		await attach(ana.page, [{ name: 'offline-receipt.pdf', mimeType: 'application/pdf', buffer: samplePdf('Offline receipt') }]);
		await chip(ana.page, 'offline-receipt.pdf').and(ana.page.locator('[data-state="waiting"]')).waitFor(WAIT);
		await pane(ana.page).getByRole('combobox', { name: 'Message' }).fill('Sent while offline');
		await pane(ana.page).getByRole('button', { name: 'Send' }).click();
		const waiting = pane(ana.page).locator('[data-outgoing]', { hasText: 'Sent while offline' });
		await waiting.waitFor(WAIT);
		expect(await waiting.textContent()).toContain('Waiting for the connection');
		await ana.page.screenshot({ path: 'test-results/attachments-offline.png' });
		// Kept in IndexedDB: a reload offline still has it waiting.
		await ana.page.reload();
		await pane(ana.page).locator('[data-outgoing]', { hasText: 'Sent while offline' }).waitFor(WAIT);
		expect(await pane(ben.page).getByText('Sent while offline').count()).toBe(0);

		await goOnline(ana.context);
		const arrived = pane(ben.page).locator('.message.out', { hasText: 'Sent while offline' });
		await arrived.waitFor(RECONNECT);
		await arrived.locator('[data-file-id]', { hasText: 'offline-receipt.pdf' }).waitFor(WAIT);
		await pane(ana.page).locator('[data-outgoing]').waitFor({ state: 'detached', ...RECONNECT });
		await pane(ana.page).locator('.message.out', { hasText: 'Sent while offline' }).waitFor(WAIT);
		expect(await pane(ben.page).locator('.message.out', { hasText: 'Sent while offline' }).count()).toBe(1);
	});
});
