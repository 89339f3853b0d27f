// Test kit for files: real sample files made in the test (sharp draws the images, so every
// byte is a real format), a user of another workspace to be refused, and an upload as the app
// makes it (the bytes as the body, the name in X-File-Name).
import sharp from 'sharp';
import { hashPassword } from '../../server/auth/password.ts';
import type { TestServer } from './test-server.ts';

/** A w×h PNG of one colour with a lighter square, so a thumbnail is a real picture. */
export async function samplePng(width = 1200, height = 800, colour = '#2f6fdb'): Promise<Buffer> {
	const square = await sharp({ create: { width: Math.round(width / 3), height: Math.round(height / 3), channels: 3, background: '#ffd166' } })
		.png()
		.toBuffer();
	return sharp({ create: { width, height, channels: 3, background: colour } })
		.composite([{ input: square, top: Math.round(height / 3), left: Math.round(width / 3) }])
		.png()
		.toBuffer();
}

/** A minimal, valid one-page PDF. */
export function samplePdf(text = 'Invoice 2025-001'): Buffer {
	const stream = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'
	];
	let body = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((object, i) => {
		offsets.push(body.length);
		body += `${i + 1} 0 obj\n${object}\nendobj\n`;
	});
	const xref = body.length;
	body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
	body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(body, 'latin1');
}

/** The start of a Linux executable (an ELF header): what a "photo.png" must not be. */
export function sampleElf(): Buffer {
	const bytes = Buffer.alloc(4096);
	Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(bytes, 0);
	bytes.writeUInt16LE(2, 16); // ET_EXEC
	bytes.writeUInt16LE(0x3e, 18); // x86-64
	bytes.writeUInt32LE(1, 20);
	return bytes;
}

export type Outsider = { email: string; password: string; workspaceId: string };

/**
 * A user who belongs to another workspace only: made straight in the server's database
 * (through the storage interface), the way an operator's script would.
 */
export async function createOutsider(server: TestServer, email = `outsider-${process.pid}-${Date.now()}@elsewhere.test`): Promise<Outsider> {
	const password = 'outsider-password';
	const passwordHash = await hashPassword(password);
	const workspaceId = await server.withSqlite(async (storage) => {
		const user = await storage.createUser({ email, name: 'Otto Outsider', passwordHash });
		const workspace = await storage.createWorkspace({ name: 'Elsewhere Ltd' });
		await storage.addMembership(workspace.id, user.id, 'owner');
		return workspace.id;
	});
	return { email, password, workspaceId };
}

/** POST /api/workspaces/{wid}/files as the app does; answers status and parsed body. */
export async function uploadFile(
	server: TestServer,
	cookie: string | null,
	workspaceId: string,
	file: { name: string; type: string; bytes: Buffer }
): Promise<{ status: number; body: Record<string, unknown> }> {
	const response = await fetch(`${server.url}/api/workspaces/${workspaceId}/files`, {
		method: 'POST',
		headers: { ...(cookie ? { cookie } : {}), 'content-type': file.type, 'x-file-name': encodeURIComponent(file.name) },
		body: new Uint8Array(file.bytes)
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
