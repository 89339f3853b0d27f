// JSON in and out for /api. Errors have one shape: { error: code, message, field? }, so a
// client can show `message` and highlight `field`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';

export const JSON_BODY_LIMIT = 64 * 1024;

export class HttpError extends Error {
	readonly status: number;
	readonly code: string;
	readonly field: string | undefined;
	readonly headers: Record<string, string>;

	constructor(status: number, code: string, message: string, options: { field?: string; headers?: Record<string, string> } = {}) {
		super(message);
		this.status = status;
		this.code = code;
		this.field = options.field;
		this.headers = options.headers ?? {};
	}
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
	const text = JSON.stringify(body);
	response.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
		// Answers depend on the session cookie: never cache them anywhere.
		'Cache-Control': 'no-store',
		'X-Content-Type-Options': 'nosniff',
		...headers
	});
	response.end(text);
}

export function sendError(response: ServerResponse, error: HttpError) {
	const body = { error: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
	sendJson(response, error.status, body, error.headers);
}

/** Reads the body as JSON, at most `limit` bytes (413 beyond, without reading the rest). */
export async function readJson(request: IncomingMessage, limit = JSON_BODY_LIMIT): Promise<unknown> {
	const type = request.headers['content-type'] ?? '';
	if (!/^application\/json\b/i.test(type)) {
		throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.');
	}
	const tooLarge = () => new HttpError(413, 'payload_too_large', `The body is larger than ${limit} bytes.`, { headers: { Connection: 'close' } });
	const declared = Number(request.headers['content-length'] ?? NaN);
	if (declared > limit) throw tooLarge();
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > limit) throw tooLarge();
		chunks.push(chunk);
	}
	try {
		return JSON.parse(Buffer.concat(chunks).toString('utf8'));
	} catch {
		throw new HttpError(400, 'invalid_json', 'The body is not valid JSON.');
	}
}

/** Parses with a zod schema; the 400 names the first offending field. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
	const parsed = schema.safeParse(value);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	const field = issue?.path.map(String).join('.') || undefined;
	const message = issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'Invalid request body.';
	throw new HttpError(400, 'invalid_request', message, { field });
}
