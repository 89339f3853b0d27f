// The bytes of files, content-addressed: DATA_DIR/files/{aa}/{sha256}, where aa is the first
// two hex digits (so no directory holds millions of entries). A file is streamed to a
// temporary name while its hash is computed, checked, and only then renamed into place —
// rename is atomic, so a reader never sees half a file, and the same content uploaded twice
// is stored once. Thumbnails live beside, under thumbs/.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';

export class TooLargeError extends Error {
	readonly limit: number;
	constructor(limit: number) {
		super(`larger than ${limit} bytes`);
		this.limit = limit;
	}
}

export type Staged = { file: string; sha256: string; size: number };

const SHA256 = /^[0-9a-f]{64}$/;

export class BlobStore {
	readonly root: string;
	readonly #tmp: string;

	constructor(dataDir: string) {
		this.root = path.join(dataDir, 'files');
		this.#tmp = path.join(this.root, 'tmp');
	}

	async init(): Promise<void> {
		await mkdir(this.#tmp, { recursive: true });
		// Left over from a crash mid-upload: nothing refers to them.
		await rm(this.#tmp, { recursive: true, force: true });
		await mkdir(this.#tmp, { recursive: true });
	}

	/**
	 * Writes `source` to a temporary file, hashing as it goes; throws TooLargeError (and removes
	 * the partial file) as soon as more than `limit` bytes arrived.
	 */
	async stage(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, limit: number): Promise<Staged> {
		const file = path.join(this.#tmp, randomBytes(12).toString('hex'));
		const out = createWriteStream(file, { flags: 'wx' });
		const hash = createHash('sha256');
		let size = 0;
		try {
			for await (const chunk of source) {
				size += chunk.length;
				if (size > limit) throw new TooLargeError(limit);
				hash.update(chunk);
				if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
			}
			out.end();
			await finished(out);
			return { file, sha256: hash.digest('hex'), size };
		} catch (error) {
			out.destroy();
			await rm(file, { force: true });
			throw error;
		}
	}

	/** Moves a checked staged file to its content address (or drops it: the content is there). */
	async commit(staged: Staged): Promise<void> {
		const target = this.pathOf(staged.sha256);
		if (await exists(target)) {
			await rm(staged.file, { force: true });
			return;
		}
		await mkdir(path.dirname(target), { recursive: true });
		await rename(staged.file, target);
	}

	async discard(staged: Staged): Promise<void> {
		await rm(staged.file, { force: true });
	}

	pathOf(sha256: string): string {
		if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
		return path.join(this.root, sha256.slice(0, 2), sha256);
	}

	thumbnailPathOf(sha256: string, size: number): string {
		if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
		return path.join(this.root, 'thumbs', sha256.slice(0, 2), `${sha256}-${size}.webp`);
	}

	/** A fresh temporary path for a derived file (a thumbnail being written). */
	tempPath(): string {
		return path.join(this.#tmp, randomBytes(12).toString('hex'));
	}
}

export async function exists(file: string): Promise<boolean> {
	try {
		await stat(file);
		return true;
	} catch {
		return false;
	}
}
