// Reads a webhook body as raw bytes, at most `limit` of them: the signature covers the exact
// bytes, so nothing is decoded or parsed before it is checked.
import type { IncomingMessage } from 'node:http';
import { HttpError } from '../http/json.ts';

export async function readRawBody(request: IncomingMessage, limit: number): Promise<Buffer> {
	const type = request.headers['content-type'];
	if (type !== undefined && !/^application\/json\b/i.test(type)) {
		throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.');
	}
	const tooLarge = () =>
		new HttpError(413, 'payload_too_large', `The body is larger than ${limit} bytes.`, { headers: { Connection: 'close' } });
	if (Number(request.headers['content-length'] ?? NaN) > limit) throw tooLarge();
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > limit) throw tooLarge();
		chunks.push(chunk);
	}
	return Buffer.concat(chunks, size);
}
