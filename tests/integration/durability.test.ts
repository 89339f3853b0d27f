// The durability promise: an update the server acknowledged survives SIGKILL of the server,
// with no client's help after the restart.
import { afterAll, expect, it } from 'vitest';
import { TestClient } from '../helpers/node-provider.ts';
import { TestServer } from '../helpers/test-server.ts';

const UPDATES = 1000;
const AGENTS = ['ana@demo.test', 'ben@demo.test', 'cara@demo.test'];

let server: TestServer | undefined;

afterAll(async () => {
	await server?.dispose();
});

it(`keeps all ${UPDATES} acknowledged updates from 3 clients across SIGKILL`, async () => {
	// A low threshold, so compactions run in the worker while updates keep arriving.
	server = await TestServer.start({ env: { COMPACT_THRESHOLD: '150' } });
	const running = server;
	const cookies = await Promise.all(AGENTS.map((email) => running.login(email)));
	const workspaceId = (await running.me(cookies[0] ?? '')).workspaces[0]?.id;
	const shared = `contact/${workspaceId}/shared`;
	const own = (agent: number) => `contact/${workspaceId}/own-${agent}`;
	const names = [shared, ...AGENTS.map((_, agent) => own(agent))];

	const clients = cookies.map((cookie) => new TestClient({ url: running.syncUrl, cookie, origin: running.origin }));
	clients.forEach((client, agent) => {
		client.open(shared);
		client.open(own(agent));
	});
	await Promise.all(clients.map((client) => client.synced()));

	// One transaction per update: every one is its own message and its own acknowledgement.
	for (let i = 0; i < UPDATES; i++) {
		const agent = i % AGENTS.length;
		const client = clients[agent];
		if (!client) throw new Error('no client');
		const name = i % 2 === 0 ? shared : own(agent);
		client.doc(name).getMap('log').set(`u${i}`, { agent, i });
	}
	await Promise.all(clients.map((client) => client.acked()));

	// Right after the last acknowledgement: no graceful anything.
	await running.kill('SIGKILL');
	// The old clients must not re-upload what they hold once the server is back.
	for (const client of clients) client.destroy();
	await running.restart();

	const fresh = new TestClient({ url: running.syncUrl, cookie: await running.login('ana@demo.test'), origin: running.origin });
	try {
		for (const name of names) fresh.open(name);
		await fresh.synced();
		const seen = new Set<string>();
		for (const name of names) for (const key of fresh.doc(name).getMap('log').keys()) seen.add(key);
		const missing = Array.from({ length: UPDATES }, (_, i) => `u${i}`).filter((key) => !seen.has(key));
		expect(missing).toEqual([]);
		expect(seen.size).toBe(UPDATES);
	} finally {
		fresh.destroy();
	}
});
