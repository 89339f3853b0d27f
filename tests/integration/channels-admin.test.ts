// The owner's channel API: create, list, edit, rotate, delete; the public half lands in the
// workspace document, the secret and outbound URL never do; agents and strangers are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChannels, workspaceDocName } from '../../shared/doc/index.ts';
import { channelListSchema, channelWithSecretSchema } from '../../shared/schemas/index.ts';
import { api, inboundBody, logInOwner, postWebhook, type Owner } from '../helpers/channel-webhooks.ts';
import { TestClient } from '../helpers/node-provider.ts';
import { TestServer, waitUntil } from '../helpers/test-server.ts';

let server: TestServer;
let owner: Owner;
let client: TestClient;
let base: string;

beforeAll(async () => {
	server = await TestServer.start();
	owner = await logInOwner(server);
	base = `/api/workspaces/${owner.workspaceId}/channels`;
	client = new TestClient({ url: server.syncUrl, cookie: owner.cookie, origin: server.origin });
	client.open(workspaceDocName(owner.workspaceId));
	await client.synced();
});

afterAll(async () => {
	client?.destroy();
	await server?.dispose();
});

const workspaceChannels = () => readChannels(client.doc(workspaceDocName(owner.workspaceId)));
const workspaceJson = () => JSON.stringify(client.doc(workspaceDocName(owner.workspaceId)).toJSON());

describe('channel settings API', () => {
	it('lists the seeded channels, configured, without secrets', async () => {
		const { status, body } = await api(server, owner.cookie, 'GET', base);
		expect(status).toBe(200);
		const { channels } = channelListSchema.parse(body);
		expect(channels.map((c) => c.id).sort()).toEqual(['email', 'instagram', 'messenger', 'telegram', 'webchat', 'whatsapp']);
		expect(channels.every((c) => c.configured && c.outboundUrl === null)).toBe(true);
		expect(JSON.stringify(body)).not.toMatch(/sbwh_/);
	});

	it('creates a channel: the record syncs to every agent, the secret is shown once and kept off the document', async () => {
		const created = await api(server, owner.cookie, 'POST', base, {
			type: 'messenger',
			name: 'Messenger · Sales',
			outboundUrl: 'https://provider.example.test/send',
			replyWindowHours: 48
		});
		expect(created.status).toBe(201);
		const { channel, secret } = channelWithSecretSchema.parse(created.body);
		expect(channel).toMatchObject({ type: 'messenger', replyWindowHours: 48, outboundUrl: 'https://provider.example.test/send' });
		expect(secret).toMatch(/^sbwh_[A-Za-z0-9_-]{43}$/);
		await waitUntil(() => workspaceChannels().some((c) => c.id === channel.id), { what: 'the channel in the workspace document' });
		expect(workspaceChannels().find((c) => c.id === channel.id)).toEqual({
			id: channel.id,
			type: 'messenger',
			name: 'Messenger · Sales',
			replyWindowHours: 48
		});
		expect(workspaceJson()).not.toContain(secret);
		expect(workspaceJson()).not.toContain('provider.example.test');
		const listed = channelListSchema.parse((await api(server, owner.cookie, 'GET', base)).body).channels;
		expect(JSON.stringify(listed)).not.toContain(secret);

		// The secret works for the inbound webhook at once.
		const raw = inboundBody({ id: 'sales-1', name: 'Sales Lead' }, 'Do you ship to Norway?');
		expect((await postWebhook(server, channel.id, 'inbound', raw, { secret })).status).toBe(200);
	});

	it('enforces the reply window rules per type, naming the field', async () => {
		const cases: Array<[Record<string, unknown>, number | null | string]> = [
			[{ type: 'whatsapp', name: 'WA' }, 24],
			[{ type: 'whatsapp', name: 'WA', replyWindowHours: 12 }, 'replyWindowHours'],
			[{ type: 'instagram', name: 'IG' }, 24],
			[{ type: 'telegram', name: 'TG' }, null],
			[{ type: 'sms', name: 'SMS', replyWindowHours: 24 }, 'replyWindowHours'],
			[{ type: 'webchat', name: 'Chat', outboundUrl: 'https://x.example.test' }, 'outboundUrl'],
			[{ type: 'email', name: 'Mail', outboundUrl: 'ftp://x.example.test' }, 'outboundUrl'],
			[{ type: 'fax', name: 'Fax' }, 'type'],
			[{ type: 'sms', name: '  ' }, 'name']
		];
		for (const [body, expected] of cases) {
			const answer = await api(server, owner.cookie, 'POST', base, body);
			if (typeof expected === 'string') expect(answer, JSON.stringify(body)).toMatchObject({ status: 400, body: { field: expected } });
			else expect(answer.body.channel, JSON.stringify(body)).toMatchObject({ replyWindowHours: expected });
		}
	});

	it('edits name, window and outbound URL, rotates the secret and deletes', async () => {
		const created = channelWithSecretSchema.parse((await api(server, owner.cookie, 'POST', base, { type: 'instagram', name: 'IG' })).body);
		const url = `${base}/${created.channel.id}`;
		const edited = await api(server, owner.cookie, 'PATCH', url, { name: 'Instagram · Shop', replyWindowHours: 72, outboundUrl: 'http://127.0.0.1:9/x' });
		expect(edited).toMatchObject({ status: 200, body: { channel: { name: 'Instagram · Shop', replyWindowHours: 72, outboundUrl: 'http://127.0.0.1:9/x' } } });
		await waitUntil(() => workspaceChannels().find((c) => c.id === created.channel.id)?.name === 'Instagram · Shop', { what: 'the rename' });
		expect((await api(server, owner.cookie, 'PATCH', url, { outboundUrl: null })).body).toMatchObject({ channel: { outboundUrl: null } });

		const rotated = channelWithSecretSchema.parse((await api(server, owner.cookie, 'POST', `${url}/secret`)).body);
		expect(rotated.secret).not.toBe(created.secret);
		const raw = inboundBody({ id: 'ig-1', name: 'Insta' }, 'hi');
		expect((await postWebhook(server, created.channel.id, 'inbound', raw, { secret: created.secret })).status).toBe(401);
		expect((await postWebhook(server, created.channel.id, 'inbound', raw, { secret: rotated.secret })).status).toBe(200);

		expect((await api(server, owner.cookie, 'DELETE', url)).status).toBe(200);
		await waitUntil(() => !workspaceChannels().some((c) => c.id === created.channel.id), { what: 'the deletion' });
		expect((await postWebhook(server, created.channel.id, 'inbound', raw, { secret: rotated.secret })).status).toBe(404);
		expect((await api(server, owner.cookie, 'DELETE', url)).status).toBe(404);
	});

	it('refuses agents (403), strangers (404) and the signed-out (401)', async () => {
		const agent = await server.login('ben@demo.test');
		expect(await api(server, agent, 'GET', base)).toMatchObject({ status: 403, body: { error: 'owner_only' } });
		expect((await api(server, agent, 'POST', base, { type: 'sms', name: 'Mine' })).status).toBe(403);
		expect((await api(server, agent, 'POST', `${base}/telegram/secret`)).status).toBe(403);
		expect((await api(server, owner.cookie, 'GET', '/api/workspaces/someone-else/channels')).status).toBe(404);
		expect((await api(server, '', 'GET', base)).status).toBe(401);
	});
});
