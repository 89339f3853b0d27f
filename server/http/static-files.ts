// Serves the SvelteKit adapter-static output (build/). App routes have no file of their
// own and get index.html (the SPA fallback). Caching: content-hashed files under
// /_app/immutable/ forever; everything else, the service worker above all, revalidates,
// so a deploy reaches clients on their next load.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json; charset=utf-8',
	'.map': 'application/json; charset=utf-8',
	'.txt': 'text/plain; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.gif': 'image/gif',
	'.webp': 'image/webp',
	'.avif': 'image/avif',
	'.ico': 'image/x-icon',
	'.woff': 'font/woff',
	'.woff2': 'font/woff2',
	'.wasm': 'application/wasm'
};

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

async function isFile(file: string): Promise<boolean> {
	try {
		return (await stat(file)).isFile();
	} catch {
		return false;
	}
}

function send(request: IncomingMessage, response: ServerResponse, status: number, file: string, cacheControl: string) {
	response.writeHead(status, {
		'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
		'Cache-Control': cacheControl,
		'X-Content-Type-Options': 'nosniff'
	});
	if (request.method === 'HEAD') {
		response.end();
		return;
	}
	const stream = createReadStream(file);
	stream.on('error', () => response.destroy());
	stream.pipe(response);
}

function sendText(response: ServerResponse, status: number, text: string) {
	response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': REVALIDATE });
	response.end(`${text}\n`);
}

export function createStaticHandler(root: string) {
	const base = path.resolve(root);
	const index = path.join(base, 'index.html');

	return async (request: IncomingMessage, response: ServerResponse, pathname: string) => {
		if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method Not Allowed');
		let decoded: string;
		try {
			decoded = decodeURIComponent(pathname);
		} catch {
			return sendText(response, 400, 'Bad Request');
		}
		// Resolve inside build/ only: `..` and encoded separators cannot climb out.
		const file = path.resolve(base, `.${path.posix.normalize(decoded)}`);
		const inside = file === base || file.startsWith(base + path.sep);
		if (inside && file !== base && !decoded.includes('\0') && (await isFile(file))) {
			const cache = pathname.startsWith('/_app/immutable/') ? IMMUTABLE : REVALIDATE;
			return send(request, response, 200, file, cache);
		}
		// A missing asset (has an extension) is a 404; anything else is an app route.
		if (path.extname(decoded) !== '' || !inside) return sendText(response, 404, 'Not Found');
		if (!(await isFile(index))) return sendText(response, 503, 'The app is not built yet: run `npm run build`.');
		return send(request, response, 200, index, REVALIDATE);
	};
}
