// Small previews of images for the conversation: at most THUMBNAIL_SIZE pixels on the long
// side, WebP, made once per content on first request and kept beside the file. sharp (libvips,
// shipped prebuilt inside its npm packages) does the work on its own threads; at most two are
// made at once, and concurrent requests for one thumbnail share the work.
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { exists, type BlobStore } from './blob-store.ts';

export const THUMBNAIL_SIZE = 480;
/** Refuse to decode images larger than this many pixels (a decompression bomb). */
const PIXEL_LIMIT = 100_000_000;
const PARALLEL = 2;

export class Thumbnails {
	readonly #blobs: BlobStore;
	readonly #inFlight = new Map<string, Promise<string>>();
	#running = 0;
	readonly #waiting: Array<() => void> = [];

	constructor(blobs: BlobStore) {
		this.#blobs = blobs;
		// One libvips thread per job: two jobs at once must not take every core from the server.
		sharp.concurrency(1);
		sharp.cache(false);
	}

	/** The thumbnail's path, made if needed. Throws when the image cannot be decoded. */
	async pathFor(sha256: string): Promise<string> {
		const target = this.#blobs.thumbnailPathOf(sha256, THUMBNAIL_SIZE);
		if (await exists(target)) return target;
		let job = this.#inFlight.get(sha256);
		if (!job) {
			job = this.#limited(() => this.#make(sha256, target)).finally(() => this.#inFlight.delete(sha256));
			this.#inFlight.set(sha256, job);
		}
		return job;
	}

	async #make(sha256: string, target: string): Promise<string> {
		const temp = this.#blobs.tempPath();
		try {
			await sharp(this.#blobs.pathOf(sha256), { limitInputPixels: PIXEL_LIMIT, animated: false })
				.rotate() // honour the EXIF orientation of phone photos
				.resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
				.webp({ quality: 78 })
				.toFile(temp);
			await mkdir(path.dirname(target), { recursive: true });
			await rename(temp, target);
			return target;
		} catch (error) {
			await rm(temp, { force: true });
			throw error;
		}
	}

	async #limited<T>(task: () => Promise<T>): Promise<T> {
		while (this.#running >= PARALLEL) await new Promise<void>((resolve) => this.#waiting.push(resolve));
		this.#running++;
		try {
			return await task();
		} finally {
			this.#running--;
			this.#waiting.shift()?.();
		}
	}
}
