// What the server holds, read the way a client reads it (real providers on the real socket,
// the shared readers), so browser tests can pick data from the seeded workspace and compute
// what a list must show with the shared queries instead of hard-coding the seed.
import type { Page } from 'playwright-core';
import {
	agentDocName,
	contactDocName,
	indexDocNames,
	readContactSummaries,
	readMarkers,
	readMessages,
	workspaceDocName
} from '../../shared/doc/index.ts';
import type { ContactSummary, Message } from '../../shared/schemas/index.ts';
import { TestClient } from '../helpers/node-provider.ts';
import type { TestServer } from '../helpers/test-server.ts';

export interface ServerView {
	workspaceId: string;
	userId: string;
	/** Every contact row of the workspace, as the index shards hold them now. */
	rows(): Promise<ContactSummary[]>;
	messages(contactId: string): Promise<Message[]>;
	/** This user's read markers (only one's own agent document is readable). */
	markers(): Promise<Map<string, number>>;
	close(): void;
}

export async function serverView(server: TestServer, email: string): Promise<ServerView> {
	const cookie = await server.login(email);
	const me = await server.me(cookie);
	const workspaceId = me.workspaces[0]?.id;
	if (!workspaceId) throw new Error(`${email} has no workspace`);
	const client = new TestClient({ url: server.syncUrl, cookie, origin: server.origin });
	const shards = indexDocNames(workspaceId);
	const agent = agentDocName(workspaceId, me.user.id);
	for (const name of [workspaceDocName(workspaceId), agent, ...shards]) client.open(name);
	await client.synced();
	return {
		workspaceId,
		userId: me.user.id,
		rows: async () => shards.flatMap((name) => readContactSummaries(client.doc(name))),
		messages: async (contactId) => {
			const name = contactDocName(workspaceId, contactId);
			client.open(name);
			await client.synced([name]);
			return readMessages(client.doc(name));
		},
		markers: async () => readMarkers(client.doc(agent)),
		close: () => client.destroy()
	};
}

/** Reads a number from a `data-*` attribute. */
export async function dataNumber(page: Page, selector: string, attribute: string): Promise<number> {
	const value = await page.locator(selector).getAttribute(`data-${attribute}`);
	if (value === null) throw new Error(`${selector} has no data-${attribute}`);
	return Number(value);
}

/** The New or Mine indicator of a page: its count and colour. */
export async function indicator(page: Page, id: 'new' | 'mine'): Promise<{ count: number; color: string }> {
	const badge = page.locator(`[data-filter="${id}"] [data-count]`);
	const [count, color] = await Promise.all([badge.getAttribute('data-count'), badge.getAttribute('data-color')]);
	return { count: Number(count), color: color ?? '' };
}
