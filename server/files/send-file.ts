// Answers a stored file. Only safe raster images are shown inline; everything else is a
// download (Content-Disposition: attachment), and nothing is sniffed (nosniff) or run (a
// sandboxing CSP), so a file can never act as a page of our origin.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StoredFile } from '../storage/types.ts';
import { INLINE_IMAGE_TYPES } from './file-types.ts';

/** `filename` for old clients (ASCII), `filename*` (RFC 5987) for the real name. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
	const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export type SendOptions = {
	/** A thumbnail instead of the file itself. */
	variant?: { path: string; mime: string; tag: string };
};

export async function sendStoredFile(
	request: IncomingMessage,
	response: ServerResponse,
	file: StoredFile,
	filePath: string,
	{ variant }: SendOptions = {}
): Promise<void> {
	const path = variant?.path ?? filePath;
	const mime = variant?.mime ?? file.mime;
	const etag = `"${file.sha256.slice(0, 32)}${variant ? `-${variant.tag}` : ''}"`;
	const inline = variant !== undefined || INLINE_IMAGE_TYPES.has(file.mime);
	const headers: Record<string, string | number> = {
		'Content-Type': mime.startsWith('text/') ? `${mime}; charset=utf-8` : mime,
		'Content-Disposition': contentDisposition(inline ? 'inline' : 'attachment', file.name),
		'X-Content-Type-Options': 'nosniff',
		'Content-Security-Policy': "default-src 'none'; sandbox",
		'Cross-Origin-Resource-Policy': 'same-origin',
		// The bytes behind an id never change; who may read them is checked on every request.
		'Cache-Control': 'private, max-age=86400',
		ETag: etag
	};
	if (request.headers['if-none-match'] === etag) {
		response.writeHead(304, headers);
		response.end();
		return;
	}
	const { size } = await stat(path);
	response.writeHead(200, { ...headers, 'Content-Length': size });
	if (request.method === 'HEAD') {
		response.end();
		return;
	}
	const stream = createReadStream(path);
	stream.on('error', () => response.destroy());
	stream.pipe(response);
}
