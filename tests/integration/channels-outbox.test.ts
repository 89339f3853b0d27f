// The outbox in the test process, with a hand on storage: a queued message whose outbox row
// was never written (PostgreSQL's asynchronous insert cut short by a crash) is found when its
// document loads; a settled one is not; and a queued message written on the server gets its
// row before the write returns (SQLite: inside the update, before it is appended).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createChannels, type Channels } from '../../server/channels/index.ts';
import { deliveryIdOf } from '../../server/channels/delivery/delivery-id.ts';
import { loadConfig } from '../../server/config.ts';
import type { Logger } from '../../server/log.ts';
import { openSqliteStorage } from '../../server/storage/sqlite.ts';
import type { Storage } from '../../server/storage/types.ts';
import { createSync, withDirectConnection, withDirectConnections, type Sync } from '../../server/sync/index.ts';
import { createContact, recordInboundMessage, sendMessage, setDeliveryStatus } from '../../shared/actions/index.ts';
import { contactDocName, indexDocName, readDelivery, shardOf } from '../../shared/doc/index.ts';
import { systemActor, userActor } from '../../shared/schemas/index.ts';
import { OutboundTarget } from '../helpers/channel-webhooks.ts';
import { waitUntil } from '../helpers/test-server.ts';

const quiet: Logger = { info() {}, warn() {}, error() {}, child: () => quiet };
const W = 'w1';

let dataDir: string;
let storage: Storage;
let sync: Sync;
let channels: Channels;
let target: OutboundTarget;

const names = (contactId: string) => ({ index: indexDocName(W, shardOf(contactId)), contact: contactDocName(W, contactId) });

/** Writes a contact with one inbound and one outgoing message straight into storage. */
async function storeContact(contactId: string, settle: boolean) {
	const docs = { index: new Y.Doc(), contact: new Y.Doc() };
	createContact(docs, { contactId, channel: 'telegram', name: contactId }, systemActor);
	recordInboundMessage(docs, { contactId, providerMessageId: `${contactId}-in`, text: 'hi', at: Date.now() }, systemActor);
	sendMessage(docs, { contactId, messageId: `${contactId}-out`, text: 'hello' }, userActor('u1'));
	if (settle) setDeliveryStatus(docs, { contactId, messageId: `${contactId}-out`, attempt: 1, state: 'sent' }, systemActor);
	for (const [key, name] of Object.entries(names(contactId)) as Array<['index' | 'contact', string]>) {
		await storage.appendUpdate(name, Y.encodeStateAsUpdate(docs[key]));
	}
}

beforeAll(async () => {
	dataDir = await mkdtemp(path.join(tmpdir(), 'switchboard-outbox-'));
	storage = openSqliteStorage({ dataDir, log: quiet });
	const config = loadConfig({ DATA_DIR: dataDir, COMPACT_IDLE_MS: '600000', DELIVERY_RETRY_BASE_MS: '50' });
	channels = createChannels(config, storage, quiet);
	sync = createSync(config, storage, quiet, [channels.extension]);
	channels.start(sync.hocuspocus);
	target = await OutboundTarget.start();
	await storage.createWorkspace({ id: W, name: 'W' });
	await storage.createChannel({ id: 'tg', workspaceId: W, type: 'telegram', secret: 's', outboundUrl: target.url });
});

afterAll(async () => {
	await channels?.close();
	await sync?.close();
	await storage?.close();
	await target?.close();
	if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

it('finds a queued message without an outbox row when its document loads, and delivers it', async () => {
	await storeContact('lost-row', false);
	await storeContact('settled', true);
	expect(await storage.getDelivery(deliveryIdOf(W, 'lost-row', 'lost-row-out', 1))).toBeNull();

	// Loading is enough: any reader (an agent opening the contact, a webhook) triggers the scan.
	await withDirectConnection(sync.hocuspocus, contactDocName(W, 'lost-row'), () => undefined, 'test');
	await withDirectConnection(sync.hocuspocus, contactDocName(W, 'settled'), () => undefined, 'test');

	await waitUntil(async () => (await storage.getDelivery(deliveryIdOf(W, 'lost-row', 'lost-row-out', 1)))?.state === 'done', {
		what: 'the found delivery to be done'
	});
	const status = await withDirectConnection(sync.hocuspocus, contactDocName(W, 'lost-row'), (doc) => readDelivery(doc, 'lost-row-out'), 'test');
	expect(status).toMatchObject({ state: 'sent', attempt: 1 });
	expect(target.requests).toHaveLength(1);
	expect(await storage.getDelivery(deliveryIdOf(W, 'settled', 'settled-out', 1))).toBeNull();
});

it('records the outbox row of a server-side send before the write returns', async () => {
	await storeContact('server-send', true);
	await withDirectConnections(
		sync.hocuspocus,
		names('server-send'),
		(docs) => sendMessage(docs, { contactId: 'server-send', messageId: 'auto-reply', text: 'We are on it' }, { kind: 'automation', id: 'a1' }),
		'automation'
	);
	const row = await storage.getDelivery(deliveryIdOf(W, 'server-send', 'auto-reply', 1));
	expect(row).toMatchObject({ contactId: 'server-send', messageId: 'auto-reply', attempt: 1 });
	await waitUntil(async () => (await storage.getDelivery(row?.id ?? ''))?.state === 'done', { what: 'the automation reply to go out' });
});
