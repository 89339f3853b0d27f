// Channels in the browser: an owner adds a channel in Settings → Channels and sees its secret
// once; a provider posts with it; an agent sees the channel read-only, live; and a reply the
// provider keeps refusing shows as failed, with the reason, in the conversation.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { assertBuilt, launchBrowser, openContact, signIn, WAIT, type AgentPage } from '../helpers/browser.ts';
import { inboundBody, OutboundTarget, postWebhook } from '../helpers/channel-webhooks.ts';
import { TestServer } from '../helpers/test-server.ts';

let server: TestServer;
let browser: Browser;
let target: OutboundTarget;
let ana: AgentPage;
let ben: AgentPage;

beforeAll(async () => {
	assertBuilt();
	server = await TestServer.start({ env: { DELIVERY_RETRY_BASE_MS: '50', DELIVERY_MAX_TRIES: '2' } });
	target = await OutboundTarget.start();
	target.respond = () => 503;
	browser = await launchBrowser();
	[ana, ben] = await Promise.all([signIn(browser, server, 'ana@demo.test'), signIn(browser, server, 'ben@demo.test')]);
});

afterAll(async () => {
	await browser?.close();
	await target?.close();
	await server?.dispose();
});

it('adds a channel, shows its secret once, and a refused reply shows its reason', async () => {
	const { page } = ana;
	await page.goto('/settings/channels');
	await ben.page.goto('/settings/channels');
	await page.locator('[data-channel-card="whatsapp"]').waitFor(WAIT);

	await page.getByRole('button', { name: 'Add channel' }).click();
	await page.getByLabel('Type').selectOption('sms');
	await page.getByLabel('Name').fill('SMS · Hotline');
	await page.getByLabel('Outbound URL').fill('not a url');
	await page.getByRole('button', { name: 'Add channel' }).last().click();
	await page.getByText('Enter a full URL').waitFor(WAIT);
	await page.getByLabel('Outbound URL').fill(target.url);
	await page.getByRole('button', { name: 'Add channel' }).last().click();

	const secretField = page.getByLabel('Channel secret');
	await secretField.waitFor(WAIT);
	const secret = await secretField.inputValue();
	expect(secret).toMatch(/^sbwh_/);
	const card = page.locator('article', { hasText: 'SMS · Hotline' });
	const inboundUrl = (await card.locator('code').first().textContent()) ?? '';
	const channelId = /\/api\/channels\/([^/]+)\/inbound$/.exec(inboundUrl)?.[1] ?? '';
	expect(channelId).not.toBe('');
	await page.getByRole('button', { name: 'I have copied it' }).click();
	await expect(secretField.count()).resolves.toBe(0);

	// The agent's page shows the new channel live, with nothing to change and no URLs.
	await ben.page.locator('article', { hasText: 'SMS · Hotline' }).waitFor(WAIT);
	expect(await ben.page.getByRole('button', { name: 'Add channel' }).count()).toBe(0);
	expect(await ben.page.locator('code', { hasText: '/api/channels/' }).count()).toBe(0);

	// The provider posts with the secret; Ben replies; the provider keeps answering 503.
	const posted = await postWebhook(server, channelId, 'inbound', inboundBody({ id: '+15550100', name: 'Hotline Caller' }, 'Call me back?'), {
		secret
	});
	expect(posted.status).toBe(200);
	const contactId = posted.body.contactId as string;
	await openContact(ben.page, contactId);
	const composer = ben.page.getByLabel('Message', { exact: true });
	await composer.fill('We will call you within the hour.');
	await composer.press('Enter');
	const failed = ben.page.locator('[data-delivery="failed"]');
	await failed.waitFor(WAIT);
	await expect(failed.getByRole('note').textContent()).resolves.toBe('The channel answered HTTP 503: provider trouble (gave up after 2 tries)');
	expect(target.requests).toHaveLength(2);
	await ben.page.screenshot({ path: '/tmp/shots-channels/failed-reply.png' });
});
