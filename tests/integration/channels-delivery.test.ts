// Outbound delivery against the real server process and a local stand-in for the provider:
// retries, giving up with the reason, provider status reports, the reply window, web chat.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setDeliveryStatus } from '../../shared/actions/index.ts';
import { outboundMessageSchema, userActor } from '../../shared/schemas/index.ts';
import {
	ContactView,
	inboundBody,
	logInOwner,
	OutboundTarget,
	postWebhook,
	sign,
	takeChannel,
	type Owner
} from '../helpers/channel-webhooks.ts';
import { TestServer, waitUntil } from '../helpers/test-server.ts';

const HOUR = 3_600_000;
const MAX_TRIES = 3;

let server: TestServer;
let owner: Owner;
let target: OutboundTarget;
const secrets = new Map<string, string>();
let views: ContactView[] = [];

beforeAll(async () => {
	server = await TestServer.start({
		env: { DELIVERY_RETRY_BASE_MS: '50', DELIVERY_MAX_TRIES: String(MAX_TRIES), DELIVERY_TIMEOUT_MS: '2000' }
	});
	owner = await logInOwner(server);
	target = await OutboundTarget.start();
	for (const id of ['telegram', 'whatsapp']) secrets.set(id, await takeChannel(server, owner, id, target.url));
	secrets.set('webchat', await takeChannel(server, owner, 'webchat'));
});

afterEach(() => {
	for (const view of views) view.destroy();
	views = [];
	target.respond = () => 200;
});

afterAll(async () => {
	await target?.close();
	await server?.dispose();
});

let senders = 0;

/** A new contact on `channelId` whose (only) incoming message was sent at `sentAt`. */
async function contactOn(channelId: string, sentAt = Date.now()): Promise<{ contactId: string; view: ContactView; externalId: string }> {
	const externalId = `ext-${channelId}-${++senders}`;
	const raw = inboundBody({ id: externalId, name: `Person ${senders}` }, 'hello', { sentAt });
	const answer = await postWebhook(server, channelId, 'inbound', raw, { secret: secrets.get(channelId) });
	expect(answer.status).toBe(200);
	const contactId = answer.body.contactId as string;
	const view = await ContactView.open(server, owner, contactId);
	views.push(view);
	await waitUntil(() => view.messages().length === 1, { what: 'the inbound message' });
	return { contactId, view, externalId };
}

const requestsFor = (messageId: string) =>
	target.requests.filter((r) => outboundMessageSchema.parse(JSON.parse(r.body)).message.id === messageId);

describe('outbound delivery', () => {
	it('retries a 500 and delivers once, signed, with one delivery id', async () => {
		const { contactId, view, externalId } = await contactOn('telegram');
		let answered = 0;
		target.respond = () => (++answered === 1 ? 500 : 200);
		await view.send(contactId, 'retry-msg-1', 'Your parcel left the warehouse');
		const status = await view.deliveryReaches('retry-msg-1', 'sent');
		expect(status).toMatchObject({ attempt: 1, error: null });
		const requests = requestsFor('retry-msg-1');
		expect(requests.map((r) => r.status)).toEqual([500, 200]);
		expect(new Set(requests.map((r) => r.deliveryId)).size).toBe(1);
		const last = requests[1];
		expect(last?.signature).toBe(sign(secrets.get('telegram') ?? '', last?.body ?? ''));
		expect(outboundMessageSchema.parse(JSON.parse(last?.body ?? '{}'))).toMatchObject({
			channel: { id: 'telegram', type: 'telegram' },
			recipient: { id: externalId, contactId },
			message: { id: 'retry-msg-1', text: 'Your parcel left the warehouse', sender: { kind: 'user', name: 'Ana Souza' } }
		});
	});

	it('gives up after the last try and shows the reason', async () => {
		const { contactId, view } = await contactOn('telegram');
		target.respond = () => 500;
		await view.send(contactId, 'doomed-msg', 'This will not arrive');
		const status = await view.deliveryReaches('doomed-msg', 'failed');
		expect(status.error).toBe(`The channel answered HTTP 500: provider trouble (gave up after ${MAX_TRIES} tries)`);
		expect(requestsFor('doomed-msg')).toHaveLength(MAX_TRIES);
	});

	it('fails at once, without retrying, when the provider refuses the message (4xx)', async () => {
		const { contactId, view } = await contactOn('telegram');
		target.respond = () => 422;
		await view.send(contactId, 'refused-msg', 'Unprocessable');
		const status = await view.deliveryReaches('refused-msg', 'failed');
		expect(status.error).toBe('The channel answered HTTP 422: provider trouble');
		expect(requestsFor('refused-msg')).toHaveLength(1);
	});

	it('never moves a status backwards when provider reports arrive out of order', async () => {
		const { contactId, view } = await contactOn('telegram');
		await view.send(contactId, 'status-msg', 'Reports out of order');
		await view.deliveryReaches('status-msg', 'sent');
		const deliveryId = requestsFor('status-msg')[0]?.deliveryId ?? '';
		const secret = secrets.get('telegram');
		const report = (status: string) => postWebhook(server, 'telegram', 'status', JSON.stringify({ deliveryId, status }), { secret });
		expect((await report('read')).body).toEqual({ deliveryId, status: 'read' });
		expect((await report('delivered')).body).toEqual({ deliveryId, status: 'read' });
		expect((await report('failed')).body).toEqual({ deliveryId, status: 'read' });
		await view.deliveryReaches('status-msg', 'read');
		// Unsigned, or from another channel: refused, and nothing changes.
		const unsigned = await postWebhook(server, 'telegram', 'status', JSON.stringify({ deliveryId, status: 'failed' }), { signature: null });
		expect(unsigned.status).toBe(401);
		const elsewhere = await postWebhook(server, 'whatsapp', 'status', JSON.stringify({ deliveryId, status: 'failed' }), {
			secret: secrets.get('whatsapp')
		});
		expect(elsewhere).toMatchObject({ status: 404, body: { field: 'deliveryId' } });
		expect(view.delivery('status-msg')?.state).toBe('read');
	});

	it('delivers a retry the agent asks for as a new attempt with a new delivery id', async () => {
		const { contactId, view } = await contactOn('telegram');
		target.respond = () => 422;
		await view.send(contactId, 'again-msg', 'Second chance');
		await view.deliveryReaches('again-msg', 'failed');
		target.respond = () => 200;
		// The UI's retry: a new `queued` attempt, through the shared action.
		setDeliveryStatus(
			{ contact: view.docs.contact },
			{ contactId, messageId: 'again-msg', attempt: 2, state: 'queued' },
			userActor(owner.userId)
		);
		await view.client.acked();
		expect(await view.deliveryReaches('again-msg', 'sent')).toMatchObject({ attempt: 2 });
		const ids = requestsFor('again-msg').map((r) => r.deliveryId);
		expect(ids).toHaveLength(2);
		expect(new Set(ids).size).toBe(2);
	});
});

describe('reply window', () => {
	it('refuses a WhatsApp reply 25 hours after the last incoming message, posting nothing', async () => {
		const { contactId, view } = await contactOn('whatsapp', Date.now() - 25 * HOUR);
		await view.send(contactId, 'late-msg', 'Sorry for the wait!');
		const status = await view.deliveryReaches('late-msg', 'failed');
		expect(status.error).toBe('Outside the 24-hour reply window for WhatsApp');
		expect(requestsFor('late-msg')).toHaveLength(0);
	});

	it('sends a WhatsApp reply 23 hours after the last incoming message', async () => {
		const { contactId, view } = await contactOn('whatsapp', Date.now() - 23 * HOUR);
		await view.send(contactId, 'in-time-msg', 'Just in time');
		await view.deliveryReaches('in-time-msg', 'sent');
		expect(requestsFor('in-time-msg')).toHaveLength(1);
	});
});

describe('web chat', () => {
	it('marks a reply sent without posting anywhere', async () => {
		const { contactId, view } = await contactOn('webchat');
		await view.send(contactId, 'chat-msg', 'Hello from the team');
		await view.deliveryReaches('chat-msg', 'sent');
		expect(requestsFor('chat-msg')).toHaveLength(0);
	});
});
