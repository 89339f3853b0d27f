// Uploads and downloads against the real server process: content-checked types (an executable
// named .png is refused), content-addressed storage in DATA_DIR/files, thumbnails, download
// headers, the size limit, and who may read a file (members of its workspace, nobody else).
import { existsSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutsider, samplePdf, samplePng, sampleElf, uploadFile, type Outsider } from '../helpers/files.ts';
import { TestServer } from '../helpers/test-server.ts';

const LIMIT = 2 * 1024 * 1024;

let server: TestServer;
let ana: string;
let workspaceId: string;
let outsider: Outsider;
let outsiderCookie: string;

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const blobPath = (bytes: Buffer) => path.join(server.dataDir, 'files', sha(bytes).slice(0, 2), sha(bytes));

beforeAll(async () => {
	server = await TestServer.start({ env: { UPLOAD_LIMIT: String(LIMIT) } });
	ana = await server.login('ana@demo.test');
	workspaceId = (await server.me(ana)).workspaces[0]?.id ?? '';
	outsider = await createOutsider(server);
	outsiderCookie = await server.login(outsider.email, outsider.password);
});

afterAll(async () => {
	await server?.dispose();
});

async function get(pathname: string, cookie?: string) {
	const response = await fetch(`${server.url}${pathname}`, { headers: cookie ? { cookie } : {} });
	return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe('uploading', () => {
	it('stores an image by its content, checks its type, and serves it and a thumbnail to members', async () => {
		const png = await samplePng(1600, 1000);
		const { status, body } = await uploadFile(server, ana, workspaceId, { name: 'Screenshot 2025-01-02.png', type: 'image/png', bytes: png });
		expect(status).toBe(201);
		const file = body.file as { id: string; name: string; mime: string; size: number };
		expect(file).toMatchObject({ name: 'Screenshot 2025-01-02.png', mime: 'image/png', size: png.length });
		expect(existsSync(blobPath(png))).toBe(true);

		const download = await get(`/api/files/${file.id}`, ana);
		expect(download.status).toBe(200);
		expect(download.bytes.equals(png)).toBe(true);
		expect(download.headers.get('content-type')).toBe('image/png');
		expect(download.headers.get('x-content-type-options')).toBe('nosniff');
		expect(download.headers.get('content-disposition')).toMatch(/^inline;/);

		const thumbnail = await get(`/api/files/${file.id}/thumbnail`, ana);
		expect(thumbnail.status).toBe(200);
		expect(thumbnail.headers.get('content-type')).toBe('image/webp');
		const meta = await sharp(thumbnail.bytes).metadata();
		expect(meta.format).toBe('webp');
		expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(480);
		expect(thumbnail.bytes.length).toBeLessThan(png.length);

		// The same content uploaded again is the same file, stored once.
		const again = await uploadFile(server, ana, workspaceId, { name: 'Screenshot 2025-01-02.png', type: 'image/png', bytes: png });
		expect((again.body.file as { id: string }).id).toBe(file.id);
		expect(readdirSync(path.dirname(blobPath(png))).filter((name) => name === sha(png))).toHaveLength(1);
	});

	it('serves documents as downloads under their name, with the type their content has', async () => {
		const pdf = samplePdf();
		// The browser's guess is wrong on purpose: the content decides.
		const { status, body } = await uploadFile(server, ana, workspaceId, { name: 'Rechnung März.pdf', type: 'application/octet-stream', bytes: pdf });
		expect(status).toBe(201);
		const file = body.file as { id: string; mime: string };
		expect(file.mime).toBe('application/pdf');
		const download = await get(`/api/files/${file.id}`, ana);
		expect(download.status).toBe(200);
		expect(download.headers.get('content-type')).toBe('application/pdf');
		expect(download.headers.get('content-disposition')).toBe(`attachment; filename="Rechnung M_rz.pdf"; filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf`);
		expect(download.headers.get('x-content-type-options')).toBe('nosniff');
		expect((await get(`/api/files/${file.id}/thumbnail`, ana)).status).toBe(404);
	});

	it('takes plain text only when it is text', async () => {
		const text = Buffer.from('order,total\n1001,49.90\n1002,12.00\n', 'utf8');
		const csv = await uploadFile(server, ana, workspaceId, { name: 'orders.csv', type: 'text/csv', bytes: text });
		expect(csv.status).toBe(201);
		expect(csv.body.file).toMatchObject({ mime: 'text/csv' });
		const binary = Buffer.from([0x00, 0xff, 0x10, 0x00, 0x42]);
		const fake = await uploadFile(server, ana, workspaceId, { name: 'notes.txt', type: 'text/plain', bytes: binary });
		expect(fake.status).toBe(415);
	});

	it('refuses an executable renamed .png, and keeps nothing of it', async () => {
		const elf = sampleElf();
		const { status, body } = await uploadFile(server, ana, workspaceId, { name: 'holiday.png', type: 'image/png', bytes: elf });
		expect(status).toBe(415);
		expect(body).toMatchObject({ error: 'unsupported_file_type' });
		expect(String(body.message)).toContain('a program');
		expect(existsSync(blobPath(elf))).toBe(false);
		expect(readdirSync(path.join(server.dataDir, 'files', 'tmp'))).toEqual([]);
	});

	it('refuses files over the limit with 413, declared or streamed', async () => {
		const big = Buffer.concat([await samplePng(64, 64), Buffer.alloc(LIMIT)]);
		const declared = await uploadFile(server, ana, workspaceId, { name: 'big.png', type: 'image/png', bytes: big });
		expect(declared).toMatchObject({ status: 413, body: { error: 'file_too_large' } });
		// Without Content-Length (chunked), the limit is enforced while reading.
		const chunks = [big.subarray(0, LIMIT / 2), big.subarray(LIMIT / 2)];
		const response = await fetch(`${server.url}/api/workspaces/${workspaceId}/files`, {
			method: 'POST',
			headers: { cookie: ana, 'content-type': 'image/png', 'x-file-name': 'big.png' },
			body: new ReadableStream({
				pull(controller) {
					const next = chunks.shift();
					if (next) controller.enqueue(new Uint8Array(next));
					else controller.close();
				}
			}),
			duplex: 'half'
		} as RequestInit);
		expect(response.status).toBe(413);
		expect(readdirSync(path.join(server.dataDir, 'files', 'tmp'))).toEqual([]);
	});

	it('asks for a name', async () => {
		const response = await fetch(`${server.url}/api/workspaces/${workspaceId}/files`, {
			method: 'POST',
			headers: { cookie: ana, 'content-type': 'image/png' },
			body: new Uint8Array(await samplePng(10, 10))
		});
		expect(response.status).toBe(400);
	});
});

describe('who may read a file', () => {
	let fileId: string;

	beforeAll(async () => {
		const { body } = await uploadFile(server, ana, workspaceId, { name: 'contract.pdf', type: 'application/pdf', bytes: samplePdf('Confidential') });
		fileId = (body.file as { id: string }).id;
	});

	it('another member of the workspace', async () => {
		const ben = await server.login('ben@demo.test');
		expect((await get(`/api/files/${fileId}`, ben)).status).toBe(200);
	});

	it('not a member of another workspace: 404, as if there were no such file', async () => {
		const refused = await get(`/api/files/${fileId}`, outsiderCookie);
		expect(refused.status).toBe(404);
		expect(refused.bytes.toString('utf8')).not.toContain('Confidential');
		expect((await get(`/api/files/${fileId}/thumbnail`, outsiderCookie)).status).toBe(404);
		// Nor may they upload into the workspace.
		const upload = await uploadFile(server, outsiderCookie, workspaceId, { name: 'x.pdf', type: 'application/pdf', bytes: samplePdf() });
		expect(upload.status).toBe(404);
	});

	it('nobody without a session', async () => {
		expect((await get(`/api/files/${fileId}`)).status).toBe(401);
		expect((await uploadFile(server, null, workspaceId, { name: 'x.pdf', type: 'application/pdf', bytes: samplePdf() })).status).toBe(401);
	});

	it('not from another site (a cross-origin upload is refused)', async () => {
		const response = await fetch(`${server.url}/api/workspaces/${workspaceId}/files`, {
			method: 'POST',
			headers: { cookie: ana, origin: 'https://evil.example', 'content-type': 'application/pdf', 'x-file-name': 'x.pdf' },
			body: new Uint8Array(samplePdf())
		});
		expect(response.status).toBe(403);
	});
});
