// An upload is the file's bytes as the request body (no multipart): its type in Content-Type,
// its name URL-encoded in X-File-Name. The body is streamed to disk, never held in memory.
import type { IncomingMessage } from 'node:http';
import type { Attachment } from '../../shared/schemas/message.ts';
import { HttpError } from '../http/json.ts';
import { FileRefusedError, toAttachment, type FileOrigin, type FileService } from './file-service.ts';

export const FILE_NAME_HEADER = 'x-file-name';

function fileNameOf(request: IncomingMessage): string {
	const raw = request.headers[FILE_NAME_HEADER];
	if (typeof raw !== 'string' || raw === '') {
		throw new HttpError(400, 'invalid_request', 'Name the file in the X-File-Name header (URL-encoded).', { field: 'name' });
	}
	try {
		return decodeURIComponent(raw);
	} catch {
		throw new HttpError(400, 'invalid_request', 'X-File-Name is not URL-encoded.', { field: 'name' });
	}
}

/** Stores the request body as a file of `origin`; 413 and 415 name what was wrong. */
export async function receiveUpload(
	request: IncomingMessage,
	files: FileService,
	origin: Omit<FileOrigin, 'name' | 'claimedMime'>
): Promise<Attachment> {
	const name = fileNameOf(request);
	const declared = Number(request.headers['content-length'] ?? NaN);
	const tooLarge = (error: FileRefusedError) => new HttpError(413, error.code, error.message, { headers: { Connection: 'close' } });
	if (declared > files.uploadLimit) throw tooLarge(files.tooLarge());
	const claimedMime = (request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
	try {
		const file = await files.store({ ...origin, name, claimedMime }, request as AsyncIterable<Uint8Array>);
		return toAttachment(file);
	} catch (error) {
		if (error instanceof FileRefusedError) {
			throw error.status === 413 ? tooLarge(error) : new HttpError(415, error.code, error.message, { field: 'file' });
		}
		throw error;
	}
}
