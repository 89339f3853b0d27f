// Persistence for Hocuspocus documents: load = snapshot + update log; every change from a
// client or a server writer is appended to the log synchronously, inside Yjs's 'update'
// event, which fires inside the Y.applyUpdate that Hocuspocus runs before it sends the sync
// acknowledgement. With SQLite the row is committed before the ack leaves (see
// docs/storage.md). Hocuspocus's debounced onStoreDocument only schedules compaction: we
// never re-encode the full state every two seconds.
import { Connection } from '@hocuspocus/server';
import type {
	Extension,
	Hocuspocus,
	afterLoadDocumentPayload,
	afterUnloadDocumentPayload,
	beforeHandleMessagePayload,
	beforeUnloadDocumentPayload,
	onConfigurePayload,
	onLoadDocumentPayload,
	onStoreDocumentPayload
} from '@hocuspocus/server';
import type { Document } from '@hocuspocus/server';
import * as Y from 'yjs';
import type { Logger } from '../log.ts';
import type { Storage, StoredDocument } from '../storage/types.ts';
import type { CompactionScheduler } from './compaction-scheduler.ts';
import { LOAD_ORIGIN, originKind } from './origins.ts';
import { applyQuietly } from './quiet-load.ts';
import { UnpersistedDocuments } from './unpersisted-documents.ts';

const LOAD_RETRY_DELAYS_MS = [100, 500, 2000];

/**
 * Benchmark switch only (bench/durable-write.ts measures what the update log costs): no
 * append per update; the debounced store writes the whole state instead, as Hocuspocus's
 * database extension does. Acknowledged updates of the last ~10 s are lost on a crash, so
 * never set it in production.
 */
const UNSAFE_NO_UPDATE_LOG = process.env.SWITCHBOARD_UNSAFE_NO_UPDATE_LOG === '1';

/** Close code for sockets whose changes we could not store: "internal error", reconnect later. */
const STORAGE_FAILED_CLOSE_CODE = 1011;

export class StorageExtension implements Extension {
	extensionName = 'switchboard-storage';
	readonly #storage: Storage;
	readonly #scheduler: CompactionScheduler;
	readonly #log: Logger;
	readonly #unpersisted: UnpersistedDocuments;
	#instance: Hocuspocus | null = null;

	constructor(storage: Storage, scheduler: CompactionScheduler, log: Logger) {
		this.#storage = storage;
		this.#scheduler = scheduler;
		this.#log = log;
		// Once a kept document is stored again, let it unload if nobody uses it any more.
		this.#unpersisted = new UnpersistedDocuments(storage, log, (document) => {
			if (document.getConnectionsCount() === 0) void this.#instance?.unloadDocument(document);
		});
	}

	async onConfigure({ instance }: onConfigurePayload) {
		this.#instance = instance;
	}

	/**
	 * Fires once per document load, before any connection sees the document. Throwing here
	 * leaks the document (hocuspocus #1156), so transient read errors are retried first.
	 */
	async onLoadDocument({ documentName, document }: onLoadDocumentPayload) {
		const stored = await this.#read(documentName);
		let skipped = 0;
		applyQuietly(document, LOAD_ORIGIN, () => {
			if (stored.snapshot) Y.applyUpdate(document, stored.snapshot);
			for (const update of stored.updates) {
				try {
					Y.applyUpdate(document, update);
				} catch {
					skipped++;
				}
			}
		});
		if (skipped > 0) this.#log.error(`${documentName}: ${skipped} stored updates did not decode and were skipped`);
		this.#scheduler.loaded(documentName, stored.updates.length);
	}

	/** Fires after the load hooks, still before any client message is applied. */
	async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload) {
		document.on('update', (update: Uint8Array, origin: unknown) => this.#append(documentName, document, update, origin));
	}

	/**
	 * Awaited before each incoming message is applied. While a document's state is not on
	 * disk, no message of it is handled (so nothing of it is acknowledged): the state is
	 * written again first, and if that still fails the socket closes; the provider
	 * reconnects with backoff and tries again.
	 */
	async beforeHandleMessage({ documentName, connection }: beforeHandleMessagePayload) {
		if (!this.#unpersisted.has(documentName)) return;
		if (await this.#unpersisted.retry(documentName)) return;
		connection.webSocket.close(STORAGE_FAILED_CLOSE_CODE, 'storage unavailable');
		throw new Error(`${documentName} is not stored; refusing its messages until it is`);
	}

	/** Hocuspocus's debounced store (2 s after changes, at most every 10 s). */
	async onStoreDocument({ documentName, document }: onStoreDocumentPayload) {
		if (UNSAFE_NO_UPDATE_LOG) await this.#storage.appendUpdate(documentName, Y.encodeStateAsUpdate(document));
		await this.#unpersisted.retry(documentName);
		this.#scheduler.changed(documentName);
	}

	/** Throwing keeps the document in memory: we do so while its state is not on disk. */
	async beforeUnloadDocument({ documentName }: beforeUnloadDocumentPayload) {
		if (!(await this.#unpersisted.retry(documentName))) {
			throw new Error(`${documentName} has changes that are not stored yet; keeping it in memory`);
		}
	}

	async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload) {
		this.#scheduler.unloaded(documentName);
	}

	async onDestroy() {
		this.#unpersisted.stop();
	}

	#append(name: string, document: Document, update: Uint8Array, origin: unknown) {
		const kind = originKind(origin);
		// Loaded state is on disk already; Redis brings updates that the instance which
		// received them has appended.
		if (kind === 'load' || kind === 'redis' || UNSAFE_NO_UPDATE_LOG) return;
		let pending: void | Promise<void>;
		try {
			pending = this.#storage.appendUpdate(name, update);
		} catch (error) {
			this.#unpersisted.failed(name, document, error);
			if (origin instanceof Connection) {
				// y-protocols swallows exceptions thrown by update handlers, and Hocuspocus
				// then acknowledges. Closing the socket here, synchronously, before that ack is
				// written makes Connection.send drop it: the client keeps the change unsynced.
				origin.webSocket.close(STORAGE_FAILED_CLOSE_CODE, 'could not store the update');
				return;
			}
			// A server writer (direct connection) gets the error from its transaction.
			throw error;
		}
		if (pending) {
			pending.then(
				() => this.#scheduler.appended(name),
				(error: unknown) => this.#unpersisted.failed(name, document, error)
			);
		} else {
			this.#scheduler.appended(name);
		}
	}

	async #read(name: string): Promise<StoredDocument> {
		for (let attempt = 0; ; attempt++) {
			try {
				return await this.#storage.loadDocument(name);
			} catch (error) {
				const delay = LOAD_RETRY_DELAYS_MS[attempt];
				if (delay === undefined) {
					this.#log.error(`could not load ${name}; refusing it`, error);
					throw error;
				}
				this.#log.warn(`loading ${name} failed; retrying in ${delay} ms`, error);
				await new Promise((resolve) => setTimeout(resolve, delay));
			}
		}
	}
}
