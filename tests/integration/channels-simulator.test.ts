// `npm run simulate` against the real server: it takes the demo channels over, posts signed
// messages, answers an agent's reply with a delivery report, and puts the outbound URLs back
// when stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { indexDocNames, readContactSummaries } from '../../shared/doc/index.ts';
import { channelListSchema } from '../../shared/schemas/index.ts';
import { api, ContactView, logInOwner, type Owner } from '../helpers/channel-webhooks.ts';
import { TestClient } from '../helpers/node-provider.ts';
import { TestServer, waitUntil } from '../helpers/test-server.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let server: TestServer;
let owner: Owner;
let simulator: ChildProcess | null = null;
let exited: Promise<number | null> = Promise.resolve(null);
const output: string[] = [];

beforeAll(async () => {
	server = await TestServer.start();
	owner = await logInOwner(server);
});

afterAll(async () => {
	simulator?.kill('SIGKILL');
	await server?.dispose();
});

it('posts signed messages, reports on replies, and restores the outbound URLs on exit', async () => {
	const started = Date.now();
	simulator = spawn(
		process.execPath,
		['--import', 'tsx', 'server/channels/simulator/cli.ts', '--url', server.url, '--rate', '20', '--reply', '0', '--channels', 'telegram,email', '--seed', '5'],
		{ cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }
	);
	const child = simulator;
	exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
	child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));

	// Its contacts appear in the index as the provider messages arrive.
	const client = new TestClient({ url: server.syncUrl, cookie: owner.cookie, origin: server.origin });
	try {
		for (const name of indexDocNames(owner.workspaceId)) client.open(name);
		await client.synced();
		const fresh = () =>
			indexDocNames(owner.workspaceId)
				.flatMap((name) => readContactSummaries(client.doc(name)))
				.filter((row) => row.createdAt >= started && (row.channel === 'telegram' || row.channel === 'email'));
		const rows = await waitUntil(() => (fresh().length >= 5 ? fresh() : undefined), { what: `simulated contacts (${output.join('')})` });
		expect(rows.every((row) => row.incoming >= 1 && row.name.length > 0)).toBe(true);

		// An agent replies; the simulated provider accepts it and reports it delivered.
		const contact = rows[0];
		if (!contact) throw new Error('no contact');
		const view = await ContactView.open(server, owner, contact.id);
		try {
			await view.send(contact.id, 'reply-to-sim', 'Thanks for writing!');
			await view.deliveryReaches('reply-to-sim', 'delivered', 20_000);
		} finally {
			view.destroy();
		}
	} finally {
		client.destroy();
	}

	child.kill('SIGINT');
	expect(await exited).toBe(0);
	const { channels } = channelListSchema.parse((await api(server, owner.cookie, 'GET', `/api/workspaces/${owner.workspaceId}/channels`)).body);
	expect(channels.filter((c) => c.id === 'telegram' || c.id === 'email').map((c) => c.outboundUrl)).toEqual([null, null]);
});
