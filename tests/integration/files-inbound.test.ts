// Inbound attachments: base64 in the webhook and by URL (served by a local HTTP server in the
// test), stored like uploads and readable by members; a URL that will never work keeps the
// message with the file marked unavailable; trouble that may pass answers 502 with nothing
// written, so the provider's retry brings the message and its file. URL fetching refuses
// private addresses unless allowed (this server allows them: its "provider" is on localhost).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobStore } from '../../server/files/blob-store.ts';
import { fetchToStage, isPrivateAddress, RemoteFileError } from '../../server/files/remote-fetch.ts';
import { ContactView, inboundBody, logInOwner, postWebhook, takeChannel, type Owner } from '../helpers/channel-webhooks.ts';
import { samplePdf, samplePng, sampleElf } from '../helpers/files.ts';
import { TestServer, waitUntil } from '../helpers/test-server.ts';

let server: TestServer;
let owner: Owner;
let secret: string;
let cdn: http.Server;
let cdnUrl: string;
let png: Buffer;
let flaky = 0;

beforeAll(async () => {
	png = await samplePng(900, 600, '#0b8a5f');
	cdn = http.createServer((request, response) => {
		const path = request.url ?? '/';
		if (path === '/photo.png') return void response.writeHead(200, { 'content-type': 'image/png' }).end(png);
		if (path === '/moved') return void response.writeHead(302, { location: '/photo.png' }).end();
		if (path === '/program.png') return void response.writeHead(200, { 'content-type': 'image/png' }).end(sampleElf());
		if (path === '/flaky.pdf') {
			flaky++;
			if (flaky === 1) return void response.writeHead(503).end('busy');
			return void response.writeHead(200, { 'content-type': 'application/pdf' }).end(samplePdf('Flaky'));
		}
		response.writeHead(404).end('not here');
	});
	await new Promise<void>((resolve) => cdn.listen(0, '127.0.0.1', resolve));
	cdnUrl = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}`;
	server = await TestServer.start({ env: { FILE_FETCH_ALLOW_PRIVATE: '1', FILE_FETCH_TIMEOUT_MS: '5000' } });
	owner = await logInOwner(server);
	secret = await takeChannel(server, owner, 'whatsapp');
});

afterAll(async () => {
	cdn?.closeAllConnections();
	cdn?.close();
	await server?.dispose();
});

type Stored = { id: string; name: string; mime: string; size: number; unavailable?: string };

async function deliver(sender: string, attachments: unknown[], text = '') {
	const body = inboundBody({ id: sender, name: `Sender ${sender}` }, text, { attachments });
	return postWebhook(server, 'whatsapp', 'inbound', body, { secret });
}

async function messageFiles(contactId: string): Promise<Stored[]> {
	const view = await ContactView.open(server, owner, contactId);
	try {
		const message = await waitUntil(() => view.messages().at(-1), { what: 'the message' });
		return message.attachments;
	} finally {
		view.destroy();
	}
}

const download = (id: string, cookie = owner.cookie) => fetch(`${server.url}/api/files/${id}`, { headers: { cookie } });

describe('inbound attachments', () => {
	it('stores base64 data and files by URL (following a redirect), checked like uploads', async () => {
		const result = await deliver('+49100', [
			{ name: 'invoice.pdf', mime: 'application/pdf', data: samplePdf('Base64').toString('base64') },
			{ name: 'photo.png', mime: 'image/png', url: `${cdnUrl}/moved` }
		]);
		expect(result.status).toBe(200);
		const [pdf, photo] = await messageFiles(result.body.contactId as string);
		expect(pdf).toMatchObject({ name: 'invoice.pdf', mime: 'application/pdf' });
		expect(photo).toMatchObject({ name: 'photo.png', mime: 'image/png', size: png.length });
		expect(pdf?.unavailable).toBeUndefined();
		const fetched = await download(photo?.id ?? '');
		expect(fetched.status).toBe(200);
		expect(Buffer.from(await fetched.arrayBuffer()).equals(png)).toBe(true);
		expect((await fetch(`${server.url}/api/files/${photo?.id}/thumbnail`, { headers: { cookie: owner.cookie } })).status).toBe(200);
	});

	it('keeps the message when a file can never be had, and says why', async () => {
		const result = await deliver('+49101', [
			{ name: 'gone.jpg', mime: 'image/jpeg', url: `${cdnUrl}/missing.jpg`, size: 1234 },
			{ name: 'program.png', mime: 'image/png', url: `${cdnUrl}/program.png` }
		], 'Here are the pictures');
		expect(result.status).toBe(200);
		const [gone, program] = await messageFiles(result.body.contactId as string);
		expect(gone).toMatchObject({ name: 'gone.jpg', size: 1234, unavailable: 'the file’s URL answered HTTP 404' });
		expect(program?.unavailable).toContain('a program');
		expect((await download(gone?.id ?? '')).status).toBe(404);
	});

	it('answers 502 and writes nothing while the file’s server is in trouble; the retry records it', async () => {
		const body = inboundBody({ id: '+49102', name: 'Flaky Sender' }, 'see attached', {
			attachments: [{ name: 'report.pdf', mime: 'application/pdf', url: `${cdnUrl}/flaky.pdf` }]
		});
		const first = await postWebhook(server, 'whatsapp', 'inbound', body, { secret });
		expect(first).toMatchObject({ status: 502, body: { error: 'attachment_unavailable' } });
		const retry = await postWebhook(server, 'whatsapp', 'inbound', body, { secret });
		expect(retry).toMatchObject({ status: 200, body: { duplicate: false } });
		const [report] = await messageFiles(retry.body.contactId as string);
		expect(report).toMatchObject({ name: 'report.pdf', mime: 'application/pdf' });
		expect((await download(report?.id ?? '')).status).toBe(200);
	});
});

describe('fetching a URL', () => {
	it('refuses private and loopback addresses unless allowed', async () => {
		for (const address of ['127.0.0.1', '10.1.2.3', '192.168.0.10', '172.20.0.1', '169.254.169.254', '::1', 'fd00::1', '::ffff:127.0.0.1']) {
			expect(isPrivateAddress(address)).toBe(true);
		}
		for (const address of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946']) expect(isPrivateAddress(address)).toBe(false);
		const blobs = new BlobStore(server.dataDir);
		const limits = { timeoutMs: 2000, maxBytes: 1024 * 1024, allowPrivate: false };
		await expect(fetchToStage(`${cdnUrl}/photo.png`, limits, blobs)).rejects.toMatchObject({ transient: false });
		await expect(fetchToStage(`http://localhost:${new URL(cdnUrl).port}/photo.png`, limits, blobs)).rejects.toBeInstanceOf(RemoteFileError);
		const staged = await fetchToStage(`${cdnUrl}/photo.png`, { ...limits, allowPrivate: true }, blobs);
		expect(staged.size).toBe(png.length);
		await blobs.discard(staged);
		await expect(fetchToStage(`${cdnUrl}/photo.png`, { ...limits, allowPrivate: true, maxBytes: 100 }, blobs)).rejects.toMatchObject({
			transient: false,
			message: expect.stringContaining('larger than')
		});
	});
});
