// Storing and finding files: an upload (agent or web chat visitor) or an inbound attachment is
// staged, its content checked (file-types.ts), moved to its content address, and recorded in
// the files table with the checked type. The id is derived from workspace, uploader, content
// and name, so a retried upload or a webhook delivered twice names the same file.
import { createHash } from 'node:crypto';
import type { Attachment } from '../../shared/schemas/message.ts';
import type { FileMetaStore, StoredFile } from '../storage/types.ts';
import { TooLargeError, type BlobStore, type Staged } from './blob-store.ts';
import { checkFileType, THUMBNAIL_TYPES } from './file-types.ts';
import type { Thumbnails } from './thumbnails.ts';

/** Why a file was not taken: too large (413) or not an accepted type (415). */
export class FileRefusedError extends Error {
	readonly status: 413 | 415;
	readonly code: 'file_too_large' | 'unsupported_file_type';
	constructor(status: 413 | 415, message: string) {
		super(message);
		this.status = status;
		this.code = status === 413 ? 'file_too_large' : 'unsupported_file_type';
	}
}

export type FileOrigin = {
	workspaceId: string;
	/** `user:{id}`, `visitor:{id}` or `channel:{id}`. */
	uploadedBy: string;
	name: string;
	/** What the uploader says it is; only used to tell look-alikes apart. */
	claimedMime: string;
};

/** A file name safe to store and to put in a header: no path, no control characters. */
export function cleanFileName(raw: string): string {
	const base = raw.split(/[/\\]/).pop() ?? '';
	// eslint-disable-next-line no-control-regex
	const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
	return clean === '' || clean === '.' || clean === '..' ? 'file' : clean;
}

export const fileIdOf = (origin: FileOrigin, sha256: string) =>
	createHash('sha256')
		.update([origin.workspaceId, origin.uploadedBy, sha256, origin.name].join('\n'))
		.digest('base64url')
		.slice(0, 22);

export const toAttachment = (file: StoredFile): Attachment => ({ id: file.id, name: file.name, mime: file.mime, size: file.size });

export class FileService {
	readonly #meta: FileMetaStore;
	readonly #blobs: BlobStore;
	readonly #thumbnails: Thumbnails;
	readonly uploadLimit: number;

	constructor(meta: FileMetaStore, blobs: BlobStore, thumbnails: Thumbnails, uploadLimit: number) {
		this.#meta = meta;
		this.#blobs = blobs;
		this.#thumbnails = thumbnails;
		this.uploadLimit = uploadLimit;
	}

	get blobs(): BlobStore {
		return this.#blobs;
	}

	/** Streams `source` in, at most `uploadLimit` bytes; throws FileRefusedError when refused. */
	async store(origin: FileOrigin, source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<StoredFile> {
		let staged: Staged;
		try {
			staged = await this.#blobs.stage(source, this.uploadLimit);
		} catch (error) {
			if (error instanceof TooLargeError) throw this.tooLarge();
			throw error;
		}
		return this.storeStaged(origin, staged);
	}

	/** Checks a staged file's content, then keeps it (or removes it and throws). */
	async storeStaged(origin: FileOrigin, staged: Staged): Promise<StoredFile> {
		const name = cleanFileName(origin.name);
		try {
			if (staged.size > this.uploadLimit) throw this.tooLarge();
			const check = await checkFileType(staged.file, staged.size, name, origin.claimedMime.toLowerCase());
			if (!check.ok) throw new FileRefusedError(415, check.reason);
			await this.#blobs.commit(staged);
			return await this.#meta.saveFile({
				id: fileIdOf({ ...origin, name }, staged.sha256),
				workspaceId: origin.workspaceId,
				sha256: staged.sha256,
				name,
				mime: check.mime,
				size: staged.size,
				uploadedBy: origin.uploadedBy
			});
		} finally {
			// Gone after a commit (moved); removed here after a refusal.
			await this.#blobs.discard(staged);
		}
	}

	tooLarge(): FileRefusedError {
		return new FileRefusedError(413, `Files can be at most ${Math.round(this.uploadLimit / 1024 / 1024)} MB.`);
	}

	get(id: string): Promise<StoredFile | null> {
		return this.#meta.getFile(id);
	}

	pathOf(file: StoredFile): string {
		return this.#blobs.pathOf(file.sha256);
	}

	hasThumbnail(file: StoredFile): boolean {
		return THUMBNAIL_TYPES.has(file.mime);
	}

	/** The thumbnail's path, or null for a file that has none (not an image, or undecodable). */
	async thumbnailOf(file: StoredFile): Promise<string | null> {
		if (!this.hasThumbnail(file)) return null;
		return this.#thumbnails.pathFor(file.sha256).catch(() => null);
	}
}
