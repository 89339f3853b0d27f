import { attachmentSchema, type Attachment } from '$shared/schemas/index.ts';

// One upload over HTTP: the file as the body, its name in X-File-Name (docs/files.md). XHR, not
// fetch, because only XHR reports upload progress. Two ways to fail: the server refused the
// file (too large, not a type we take: final, with its message), or the network or server was
// not there (try again when the connection is back).

export class UploadRefused extends Error {}
export class UploadUnreachable extends Error {}

export interface UploadRequest {
	url: string;
	blob: Blob;
	name: string;
	/** Extra headers (the web chat visitor's Authorization). */
	headers?: Record<string, string>;
	onprogress?: (fraction: number) => void;
	signal?: AbortSignal;
}

export function uploadFile({ url, blob, name, headers = {}, onprogress, signal }: UploadRequest): Promise<Attachment> {
	return new Promise((resolve, reject) => {
		const xhr = new XMLHttpRequest();
		xhr.open('POST', url);
		xhr.setRequestHeader('Content-Type', blob.type || 'application/octet-stream');
		xhr.setRequestHeader('X-File-Name', encodeURIComponent(name));
		for (const [key, value] of Object.entries(headers)) xhr.setRequestHeader(key, value);
		xhr.upload.onprogress = (event) => {
			if (event.lengthComputable && event.total > 0) onprogress?.(event.loaded / event.total);
		};
		xhr.onerror = () => reject(new UploadUnreachable('No connection to the server.'));
		xhr.onabort = () => reject(new UploadUnreachable('The upload was stopped.'));
		xhr.onload = () => {
			let body: unknown = null;
			try {
				body = JSON.parse(xhr.responseText);
			} catch {
				// An answer that is not ours (a proxy's error page): treated by its status below.
			}
			if (xhr.status === 201) {
				const file = attachmentSchema.safeParse((body as { file?: unknown } | null)?.file);
				if (file.success) return resolve(file.data);
				return reject(new UploadRefused('The server answered in a way this page does not understand.'));
			}
			const message = (body as { message?: unknown } | null)?.message;
			if (xhr.status >= 500 || xhr.status === 0 || xhr.status === 429) {
				return reject(new UploadUnreachable(typeof message === 'string' ? message : `The server answered ${xhr.status}.`));
			}
			reject(new UploadRefused(typeof message === 'string' ? message : `The server refused the file (${xhr.status}).`));
		};
		signal?.addEventListener('abort', () => xhr.abort(), { once: true });
		xhr.send(blob);
	});
}
