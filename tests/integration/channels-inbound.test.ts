// Inbound webhooks against the real server process: signatures over the raw bytes, payload
// errors, the body limit, and one message (and one unread increment) however many times a
// provider delivers it, at once or after a restart.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvents } from '../../shared/doc/index.ts';
import { markDone } from '../../shared/actions/index.ts';
import { userActor } from '../../shared/schemas/index.ts';
import { ContactView, inboundBody, logInOwner, postWebhook, sign, takeChannel, type Owner } from '../helpers/channel-webhooks.ts';
import { TestServer, waitUntil } from '../helpers/test-server.ts';

const BODY_LIMIT = 64 * 1024;

let server: TestServer;
let owner: Owner;
let secret: string;

beforeAll(async () => {
	server = await TestServer.start({ env: { INBOUND_BODY_LIMIT: String(BODY_LIMIT) } });
	owner = await logInOwner(server);
	secret = await takeChannel(server, owner, 'telegram');
});

afterAll(async () => {
	await server?.dispose();
});

/** What a refused request could have written: sender links and contact documents. */
function footprint() {
	const db = new Database(path.join(server.dataDir, 'switchboard.db'), { readonly: true });
	try {
		const links = db.prepare('SELECT count(*) AS n FROM channel_contacts').get() as { n: number };
		const docs = db
			.prepare(
				`SELECT count(DISTINCT name) AS n FROM (SELECT name FROM doc_updates UNION SELECT name FROM doc_snapshots) WHERE name LIKE 'contact/%'`
			)
			.get() as { n: number };
		return { links: links.n, contactDocs: docs.n };
	} finally {
		db.close();
	}
}

describe('signatures', () => {
	it('refuses missing, wrong and re-serialised signatures with 401 and writes nothing', async () => {
		const before = footprint();
		const raw = `{ "messageId": "sig-1", "sender": {"id": "sig-sender", "name": "Sig Nature"},  "text": "hi", "sentAt": ${Date.now()} }`;
		const missing = await postWebhook(server, 'telegram', 'inbound', raw, { signature: null });
		expect(missing).toMatchObject({ status: 401, body: { error: 'missing_signature' } });
		const wrong = await postWebhook(server, 'telegram', 'inbound', raw, { signature: sign('not-the-secret', raw) });
		expect(wrong).toMatchObject({ status: 401, body: { error: 'invalid_signature' } });
		const garbage = await postWebhook(server, 'telegram', 'inbound', raw, { signature: 'sha256=zz' });
		expect(garbage.status).toBe(401);
		// Signed over the parsed-and-stringified body, not over the bytes that were sent.
		const reserialised = sign(secret, JSON.stringify(JSON.parse(raw)));
		const resigned = await postWebhook(server, 'telegram', 'inbound', raw, { signature: reserialised });
		expect(resigned).toMatchObject({ status: 401, body: { error: 'invalid_signature' } });
		// Invalid JSON with a wrong signature is still a 401: nothing is parsed before the check.
		const notJson = await postWebhook(server, 'telegram', 'inbound', '{nope', { signature: sign('x', '{nope') });
		expect(notJson.status).toBe(401);
		expect(footprint()).toEqual(before);
	});

	it('accepts a body with emoji signed over its raw UTF-8 bytes', async () => {
		const text = 'Thanks 🙏🏽 — ça marche 👍 «ok»';
		// Escaped and unescaped forms mean the same JSON but are different bytes: sign what is sent.
		const raw = `{"messageId":"emoji-1","sender":{"id":"emoji-sender","name":"Zoë 🌻"},"text":"${text}","sentAt":${Date.now()}}`;
		const accepted = await postWebhook(server, 'telegram', 'inbound', raw, { secret });
		expect(accepted.status).toBe(200);
		expect(accepted.body).toMatchObject({ duplicate: false });
		const view = await ContactView.open(server, owner, accepted.body.contactId as string);
		try {
			await waitUntil(() => view.messages().length === 1, { what: 'the emoji message' });
			expect(view.messages()[0]).toMatchObject({ text, direction: 'in' });
			expect(view.summary(accepted.body.contactId as string)).toMatchObject({ name: 'Zoë 🌻', channel: 'telegram', incoming: 1 });
		} finally {
			view.destroy();
		}
	});

	it('answers 404 for an unknown channel', async () => {
		const raw = inboundBody({ id: 'x', name: 'X' }, 'hi');
		expect((await postWebhook(server, 'no-such-channel', 'inbound', raw, { secret })).status).toBe(404);
	});
});

describe('payloads', () => {
	it('answers 400 naming the field, and writes nothing', async () => {
		const before = footprint();
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ messageId: 'p1', sender: { name: 'No Id' }, text: 'hi', sentAt: Date.now() }, 'sender.id'],
			[{ messageId: 'p2', sender: { id: 'a', name: 'A' }, text: '', sentAt: Date.now() }, 'text'],
			[{ messageId: 'p3', sender: { id: 'a', name: 'A' }, text: 'hi', sentAt: 'yesterday' }, 'sentAt'],
			[{ messageId: 'p4', sender: { id: 'a', name: 'A', email: 'not-an-email' }, text: 'hi', sentAt: 1 }, 'sender.email'],
			[
				{ messageId: 'p5', sender: { id: 'a', name: 'A' }, attachments: [{ name: 'x.png', mime: 'image/png' }], sentAt: 1 },
				'attachments.0'
			]
		];
		for (const [payload, field] of cases) {
			const raw = JSON.stringify(payload);
			const answer = await postWebhook(server, 'telegram', 'inbound', raw, { secret });
			expect(answer, field).toMatchObject({ status: 400, body: { error: 'invalid_request', field } });
		}
		const notJson = await postWebhook(server, 'telegram', 'inbound', '{"messageId": ', { secret });
		expect(notJson).toMatchObject({ status: 400, body: { error: 'invalid_json' } });
		expect(footprint()).toEqual(before);
	});

	it('answers 413 for a body over the limit', async () => {
		const raw = inboundBody({ id: 'big', name: 'Big' }, 'x'.repeat(BODY_LIMIT + 10));
		const answer = await postWebhook(server, 'telegram', 'inbound', raw, { secret });
		expect(answer).toMatchObject({ status: 413, body: { error: 'payload_too_large' } });
	});

	it('stores base64 attachments, and describes a URL that cannot be fetched', async () => {
		const raw = inboundBody({ id: 'files', name: 'File Sender' }, '', {
			attachments: [
				{ name: 'photo.jpg', mime: 'image/jpeg', url: 'https://cdn.example.test/photo.jpg', size: 2048 },
				{ name: 'note.txt', mime: 'text/plain', data: Buffer.from('hello attachments').toString('base64') }
			]
		});
		const answer = await postWebhook(server, 'telegram', 'inbound', raw, { secret });
		expect(answer.status).toBe(200);
		const view = await ContactView.open(server, owner, answer.body.contactId as string);
		try {
			await waitUntil(() => view.messages().length === 1, { what: 'the message with files' });
			// Fetching and storing is tests/integration/files-inbound.test.ts's subject; here the
			// host does not exist, so the message keeps the file's description and the reason.
			expect(view.messages()[0]?.attachments).toEqual([
				{ id: expect.stringMatching(/^in_/), name: 'photo.jpg', mime: 'image/jpeg', size: 2048, unavailable: 'cdn.example.test does not exist' },
				{ id: expect.not.stringMatching(/^in_/), name: 'note.txt', mime: 'text/plain', size: 17 }
			]);
		} finally {
			view.destroy();
		}
	});
});

describe('idempotence', () => {
	it('records five concurrent deliveries of one provider message once, with one unread increment', async () => {
		const raw = inboundBody({ id: 'burst-sender', name: 'Burst Sender', phone: '+49 30 1234567' }, 'Anyone there?');
		const answers = await Promise.all(Array.from({ length: 5 }, () => postWebhook(server, 'telegram', 'inbound', raw, { secret })));
		expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
		const contactIds = new Set(answers.map((a) => a.body.contactId));
		expect(contactIds.size).toBe(1);
		expect(answers.filter((a) => a.body.duplicate === false)).toHaveLength(1);
		const contactId = answers[0]?.body.contactId as string;
		const view = await ContactView.open(server, owner, contactId);
		try {
			await waitUntil(() => view.summary(contactId)?.incoming === 1, { what: 'the contact row' });
			expect(view.messages()).toHaveLength(1);
			expect(view.summary(contactId)).toMatchObject({ name: 'Burst Sender', phone: '+49 30 1234567', incoming: 1 });
		} finally {
			view.destroy();
		}
	});

	it('reopens a done contact when it writes again, as the system', async () => {
		const first = await postWebhook(server, 'telegram', 'inbound', inboundBody({ id: 'reopen', name: 'Re Open' }, 'one'), { secret });
		const contactId = first.body.contactId as string;
		const view = await ContactView.open(server, owner, contactId);
		try {
			markDone(view.docs, { contactId }, userActor(owner.userId));
			await view.client.acked();
			await postWebhook(server, 'telegram', 'inbound', inboundBody({ id: 'reopen', name: 'Re Open' }, 'two'), { secret });
			await waitUntil(() => view.summary(contactId)?.status === 'open' && view.messages().length === 2, { what: 'the reopening' });
			const reopened = readEvents(view.docs.contact).filter((e) => e.type === 'marked_pending');
			expect(reopened).toHaveLength(1);
			expect(reopened[0]?.actor).toEqual({ kind: 'system', id: 'system' });
			expect(view.summary(contactId)?.incoming).toBe(2);
		} finally {
			view.destroy();
		}
	});

	it('records a repeat after a restart once (the message id is derived from the provider id)', async () => {
		const raw = inboundBody({ id: 'restart-sender', name: 'Re Start' }, 'before the restart');
		const first = await postWebhook(server, 'telegram', 'inbound', raw, { secret });
		expect(first.body.duplicate).toBe(false);
		await server.restart();
		const again = await postWebhook(server, 'telegram', 'inbound', raw, { secret });
		expect(again).toMatchObject({ status: 200, body: { contactId: first.body.contactId, duplicate: true } });
		const view = await ContactView.open(server, owner, first.body.contactId as string);
		try {
			expect(view.messages()).toHaveLength(1);
			expect(view.summary(first.body.contactId as string)?.incoming).toBe(1);
		} finally {
			view.destroy();
		}
	});
});
