// The reply window in the browser: the composer warns before a reply the server will refuse
// (a WhatsApp contact whose last message is 25 hours old), asks once more before sending it,
// and the refused reply shows why. A failed reply can be retried from the keyboard: a new
// attempt goes out (here after the contact wrote again, so the window is open) and is sent.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { outboundMessageSchema } from '../../shared/schemas/index.ts';
import { assertBuilt, launchBrowser, openContact, signIn, WAIT, type AgentPage } from '../helpers/browser.ts';
import { inboundBody, logInOwner, OutboundTarget, postWebhook, takeChannel } from '../helpers/channel-webhooks.ts';
import { TestServer } from '../helpers/test-server.ts';

const HOUR = 3_600_000;

let server: TestServer;
let browser: Browser;
let target: OutboundTarget;
let secret: string;
let ben: AgentPage;

beforeAll(async () => {
	assertBuilt();
	server = await TestServer.start({ env: { DELIVERY_RETRY_BASE_MS: '50', DELIVERY_MAX_TRIES: '2' } });
	target = await OutboundTarget.start();
	secret = await takeChannel(server, await logInOwner(server), 'whatsapp', target.url);
	browser = await launchBrowser();
	ben = await signIn(browser, server, 'ben@demo.test');
});

afterAll(async () => {
	await browser?.close();
	await target?.close();
	await server?.dispose();
});

const requestsFor = (messageId: string) =>
	target.requests.filter((r) => outboundMessageSchema.parse(JSON.parse(r.body)).message.id === messageId);

it('warns outside the WhatsApp reply window, confirms, and retries a failed reply', async () => {
	const { page } = ben;
	const late = inboundBody({ id: '+15550177', name: 'Late Writer' }, 'Is my order ready?', { sentAt: Date.now() - 25 * HOUR });
	const posted = await postWebhook(server, 'whatsapp', 'inbound', late, { secret });
	expect(posted.status).toBe(200);
	const contactId = posted.body.contactId as string;
	await openContact(page, contactId);

	// The warning is there before anything is sent. Until the contact's document has loaded it
	// says the contact has not written yet: wait for the full wording, not the first paint.
	const warning = page.locator('.window-warning', {
		hasText:
			'Outside the 24-hour reply window for WhatsApp — the last message from the contact was 25 hours ago. This reply will not be delivered.'
	});
	await warning.waitFor(WAIT);
	await page.screenshot({ path: 'test-results/reply-window-warning.png' });

	// Enter asks first; Escape backs out with nothing sent.
	const composer = page.getByLabel('Message', { exact: true });
	await composer.fill('Sorry for the wait, it is ready.');
	await composer.press('Enter');
	const confirm = page.getByRole('group', { name: 'Confirm sending' });
	const sendAnyway = confirm.getByRole('button', { name: 'Send anyway' });
	await sendAnyway.waitFor(WAIT);
	await expect(sendAnyway.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
	await page.keyboard.press('Escape');
	await confirm.waitFor({ state: 'detached', ...WAIT });
	expect(await page.locator('.message.out').count()).toBe(0);
	await expect(composer.inputValue()).resolves.toBe('Sorry for the wait, it is ready.');

	// Sending anyway: the server refuses it with the window's reason, posting nothing.
	await composer.press('Enter');
	await sendAnyway.waitFor(WAIT);
	await page.keyboard.press('Enter');
	const failed = page.locator('.message.out[data-delivery="failed"]');
	await failed.waitFor(WAIT);
	await expect(failed.getByRole('note').textContent()).resolves.toBe('Outside the 24-hour reply window for WhatsApp');
	const messageId = (await failed.getAttribute('data-message-id')) ?? '';
	expect(requestsFor(messageId)).toHaveLength(0);
	await page.screenshot({ path: 'test-results/reply-window-failed.png' });

	// The contact writes again: the window is open, the warning goes away.
	const fresh = inboundBody({ id: '+15550177', name: 'Late Writer' }, 'Hello?');
	expect((await postWebhook(server, 'whatsapp', 'inbound', fresh, { secret })).status).toBe(200);
	await warning.waitFor({ state: 'detached', ...WAIT });

	// Retry from the keyboard: a new attempt is queued, and this time it is sent.
	const retry = failed.getByRole('button', { name: 'Retry' });
	await retry.focus();
	await page.keyboard.press('Enter');
	const message = page.locator(`.message.out[data-message-id="${messageId}"]`);
	await message.and(page.locator('[data-delivery="sent"]')).waitFor(WAIT);
	expect(await message.getByRole('button', { name: 'Retry' }).count()).toBe(0);
	const requests = requestsFor(messageId);
	expect(requests).toHaveLength(1);
	expect(requests[0]?.deliveryId).toMatch(/\S/);
});
