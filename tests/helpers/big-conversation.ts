// A demo server whose workspace also holds one contact with a very long history (10,000
// messages by default), for the history's scroll-up test and the open benchmark. Everything is
// written before the server starts, straight into its storage and through the shared actions,
// the way the demo seed writes: no Hocuspocus round trips, so it takes a couple of seconds.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { seedDemoWorkspace } from '../../server/seed/demo.ts';
import { createLogger } from '../../server/log.ts';
import { openSqliteStorage } from '../../server/storage/sqlite.ts';
import type { Storage } from '../../server/storage/types.ts';
import { createContact, recordInboundMessage, sendMessage, setDeliveryStatus, type ActionEnv } from '../../shared/actions/index.ts';
import { contactDocName, indexDocName, shardOf } from '../../shared/doc/index.ts';
import { systemActor, userActor } from '../../shared/schemas/index.ts';
import { TestServer } from './test-server.ts';

export const BIG_CONTACT_ID = 'big-conversation';
export const BIG_CONTACT_NAME = 'Long History Larsen';

export interface BigConversationServer {
	server: TestServer;
	workspaceId: string;
	contactId: string;
	messages: number;
	/** The text of message number `n` (1 = the oldest). */
	textOf: (n: number) => string;
	dispose: () => Promise<void>;
}

const textOf = (n: number) => `History message ${n} of the long conversation`;

async function loadDoc(storage: Storage, name: string): Promise<Y.Doc> {
	const doc = new Y.Doc();
	const stored = await storage.loadDocument(name);
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const update of stored.updates) Y.applyUpdate(doc, update);
	return doc;
}

/**
 * Adds the long conversation to a seeded workspace in `storage`: alternating incoming and
 * outgoing messages a minute apart, ending at `now`, the outgoing ones by `agentId` and read
 * by the contact. Also used by the browser benchmarks (bench/browser) on their big workspace.
 */
export async function writeBigConversation(
	storage: Storage,
	workspaceId: string,
	agentId: string,
	{ messages = 10_000, now = Date.now() }: { messages?: number; now?: number } = {}
): Promise<void> {
	const indexName = indexDocName(workspaceId, shardOf(BIG_CONTACT_ID));
	const index = await loadDoc(storage, indexName);
	const before = Y.encodeStateVector(index);
	const contact = new Y.Doc();
	let clock = now - (messages + 5) * 60_000;
	let ids = 0;
	const env: ActionEnv = { now: () => clock, newId: () => `big${++ids}` };
	const docs = { index, contact };
	createContact(docs, { contactId: BIG_CONTACT_ID, channel: 'whatsapp', name: BIG_CONTACT_NAME, createdAt: clock }, systemActor, env);
	const actor = userActor(agentId);
	for (let n = 1; n <= messages; n++) {
		clock += 60_000;
		if (n % 2 === 1) {
			recordInboundMessage(docs, { contactId: BIG_CONTACT_ID, providerMessageId: `big-${n}`, text: textOf(n), at: clock }, systemActor, env);
		} else {
			const messageId = `big-out-${n}`;
			sendMessage(docs, { contactId: BIG_CONTACT_ID, messageId, text: textOf(n) }, actor, env);
			// Long since read by the contact: the server's delivery worker has nothing to send.
			setDeliveryStatus(docs, { contactId: BIG_CONTACT_ID, messageId, attempt: 1, state: 'read' }, systemActor, env);
		}
	}
	await storage.appendUpdate(contactDocName(workspaceId, BIG_CONTACT_ID), Y.encodeStateAsUpdate(contact));
	await storage.appendUpdate(indexName, Y.encodeStateAsUpdate(index, before));
}

/** A seeded demo DATA_DIR with the long conversation written into it, then the server started on it. */
export async function startBigConversationServer(messages = 10_000): Promise<BigConversationServer> {
	const dataDir = await mkdtemp(path.join(tmpdir(), 'switchboard-big-'));
	const storage = openSqliteStorage({ dataDir, log: createLogger('big-conversation') });
	let workspaceId: string;
	try {
		const now = Date.now();
		const seeded = await seedDemoWorkspace(storage, () => {}, { now });
		workspaceId = seeded.workspaceId;
		const agent = seeded.agents[0];
		if (!agent) throw new Error('the demo seed has no agents');
		await writeBigConversation(storage, workspaceId, agent.id, { messages, now });
	} finally {
		await storage.close();
	}
	const server = await TestServer.start({ dataDir });
	return {
		server,
		workspaceId,
		contactId: BIG_CONTACT_ID,
		messages,
		textOf,
		dispose: async () => {
			await server.dispose();
			await rm(dataDir, { recursive: true, force: true });
		}
	};
}
