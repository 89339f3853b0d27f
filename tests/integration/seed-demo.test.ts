import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	agentDocName,
	indexDocNames,
	readContactSummaries,
	readMarkers,
	readMembers,
	readTags,
	readWorkspaceMeta,
	workspaceDocName
} from '../../shared/doc/index';
import { TestClient } from '../helpers/node-provider';
import { TestServer } from '../helpers/test-server';

// The demo workspace as a new user meets it: the real server starts on an empty DATA_DIR,
// seeds, prints the log-ins, and a demo agent logged in through the API syncs the workspace.

describe('demo workspace on first start', () => {
	let server: TestServer;
	let client: TestClient | null = null;

	beforeAll(async () => {
		server = await TestServer.start();
	});
	afterAll(async () => {
		client?.destroy();
		await server?.dispose();
	});

	it('prints the demo log-ins and what it seeded', async () => {
		await server.waitForLine(/log in as ana@demo\.test, ben@demo\.test, cara@demo\.test with password "switchboard"/);
		const seeded = await server.waitForLine(/Seeded 300 contacts/);
		expect(seeded).toMatch(/\d+ ms$/);
	});

	it('lets a demo agent sync the whole workspace', async () => {
		const cookie = await server.login('ben@demo.test');
		const me = await server.me(cookie);
		const workspace = me.workspaces.find((w) => w.name === 'Demo');
		expect(workspace).toBeDefined();
		const wid = workspace?.id ?? '';
		client = new TestClient({ url: server.syncUrl, cookie, origin: server.origin });
		const names = [workspaceDocName(wid), ...indexDocNames(wid), agentDocName(wid, me.user.id)];
		for (const name of names) client.open(name);
		await client.synced(names, 30_000);

		const ws = client.doc(workspaceDocName(wid));
		expect(readWorkspaceMeta(ws)?.name).toBe('Demo');
		expect(readMembers(ws).map((m) => m.email).sort()).toEqual(['ana@demo.test', 'ben@demo.test', 'cara@demo.test']);
		expect(readTags(ws).length).toBeGreaterThanOrEqual(5);
		const rows = indexDocNames(wid).flatMap((name) => readContactSummaries(client!.doc(name)));
		expect(rows).toHaveLength(300);
		expect(rows.some((row) => row.assignee === me.user.id)).toBe(true);
		expect(rows.some((row) => row.status === 'done')).toBe(true);
		expect(new Set(rows.map((row) => row.channel)).size).toBe(6);
		expect(readMarkers(client.doc(agentDocName(wid, me.user.id))).size).toBeGreaterThan(0);
	});

	it('does not seed again on the next start', async () => {
		await server.restart();
		const users = await server.withSqlite((storage) => storage.countUsers());
		expect(users).toBe(3);
		expect(server.output.filter((line) => /Seeded 300 contacts/.test(line))).toHaveLength(1);
	});
});
