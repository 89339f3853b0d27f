// Delivery survives a crash: messages queued (and being retried against a provider that is
// down) when the server is killed with SIGKILL are each sent exactly once after the restart,
// and a message delivered before the crash is not sent again.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { outboundMessageSchema } from '../../shared/schemas/index.ts';
import { ContactView, inboundBody, logInOwner, OutboundTarget, postWebhook, takeChannel, type Owner } from '../helpers/channel-webhooks.ts';
import { freePort, TestServer, waitUntil } from '../helpers/test-server.ts';

let server: TestServer;
let owner: Owner;
let target: OutboundTarget | null = null;
let view: ContactView | null = null;

beforeAll(async () => {
	server = await TestServer.start({
		env: { DELIVERY_RETRY_BASE_MS: '100', DELIVERY_MAX_TRIES: '100', DELIVERY_TIMEOUT_MS: '1000' }
	});
	owner = await logInOwner(server);
});

afterAll(async () => {
	view?.destroy();
	await target?.close();
	await server?.dispose();
});

function outboxRows(): Array<{ message_id: string; state: string; tries: number }> {
	const db = new Database(path.join(server.dataDir, 'switchboard.db'), { readonly: true });
	try {
		return db.prepare('SELECT message_id, state, tries FROM delivery_outbox').all() as Array<{ message_id: string; state: string; tries: number }>;
	} finally {
		db.close();
	}
}

it('sends each queued message exactly once after a SIGKILL and restart', async () => {
	const port = await freePort();
	const secret = await takeChannel(server, owner, 'telegram', `http://127.0.0.1:${port}/outbound`);
	const inbound = await postWebhook(server, 'telegram', 'inbound', inboundBody({ id: 'crash-test', name: 'Crash Test' }, 'hi'), { secret });
	const contactId = inbound.body.contactId as string;
	view = await ContactView.open(server, owner, contactId);

	// Delivered before the crash: must not go out again when the document reloads afterwards.
	target = await OutboundTarget.start(port);
	await view.send(contactId, 'before-crash', 'delivered before the crash');
	await view.deliveryReaches('before-crash', 'sent');
	await target.close();
	target = null;

	// The provider is down: three messages queue up and are retried.
	const queued = ['queued-1', 'queued-2', 'queued-3'];
	for (const id of queued) await view.send(contactId, id, `message ${id}`);
	await waitUntil(() => queued.every((id) => outboxRows().some((r) => r.message_id === id && r.state === 'pending' && r.tries >= 1)), {
		what: 'every queued message to have been tried'
	});
	for (const id of queued) expect(view.delivery(id)?.state).toBe('queued');

	await server.kill('SIGKILL');
	target = await OutboundTarget.start(port);
	await server.restart();

	for (const id of queued) await view.deliveryReaches(id, 'sent', 20_000);
	await waitUntil(() => outboxRows().every((r) => r.state === 'done'), { what: 'the outbox to be done' });
	const messageIds = target.requests.map((r) => outboundMessageSchema.parse(JSON.parse(r.body)).message.id);
	expect(messageIds.sort()).toEqual(queued);
	expect([...target.acceptedCounts().values()]).toEqual([1, 1, 1]);
	expect(view.delivery('before-crash')?.state).toBe('sent');
});
