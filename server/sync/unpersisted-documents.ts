// Documents whose in-memory state is ahead of the database because a write failed (disk
// full, database gone). Each failure is logged; the document stays in memory and its full
// state is written again, as one update row, until a write succeeds.
import type { Document } from '@hocuspocus/server';
import * as Y from 'yjs';
import type { Logger } from '../log.ts';
import type { Storage } from '../storage/types.ts';

const RETRY_EVERY_MS = 5000;

export class UnpersistedDocuments {
	readonly #storage: Storage;
	readonly #log: Logger;
	readonly #onRecovered: (document: Document) => void;
	readonly #documents = new Map<string, Document>();
	#timer: NodeJS.Timeout | null = null;

	constructor(storage: Storage, log: Logger, onRecovered: (document: Document) => void) {
		this.#storage = storage;
		this.#log = log;
		this.#onRecovered = onRecovered;
	}

	has(name: string): boolean {
		return this.#documents.has(name);
	}

	failed(name: string, document: Document, error: unknown) {
		this.#log.error(
			`could not store an update of ${name}; keeping the document in memory and writing its full state again every ${RETRY_EVERY_MS / 1000} s`,
			error
		);
		this.#documents.set(name, document);
		if (!this.#timer) {
			this.#timer = setInterval(() => void this.#retryAll(), RETRY_EVERY_MS);
			this.#timer.unref();
		}
	}

	/** Writes the full state if `name` has unstored changes. True when nothing is unstored. */
	async retry(name: string): Promise<boolean> {
		const document = this.#documents.get(name);
		if (!document) return true;
		try {
			await this.#storage.appendUpdate(name, Y.encodeStateAsUpdate(document));
		} catch (error) {
			this.#log.error(`still cannot store ${name}`, error);
			return false;
		}
		// A newer failure may have replaced the entry meanwhile; only clear our own.
		if (this.#documents.get(name) === document) this.#documents.delete(name);
		this.#log.info(`stored ${name} again after an earlier write failure`);
		if (this.#documents.size === 0) this.stop();
		this.#onRecovered(document);
		return true;
	}

	stop() {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
	}

	async #retryAll() {
		for (const name of [...this.#documents.keys()]) await this.retry(name);
	}
}
