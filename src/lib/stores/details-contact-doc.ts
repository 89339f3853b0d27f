import type * as Y from 'yjs';
import { contactMaps } from '$shared/doc/index.ts';
import type { WorkspaceClient } from '../sync/workspace-client.ts';

// Holds one contact's document open for a side panel. The pool may close a contact document
// (its LRU keeps 50); the panel then opens it again, so it never reads a destroyed Y.Doc. It
// also says whether the document has content yet: a contact never opened on this device has
// an empty document until the server's state arrives.

export interface ContactDocWatch {
	/** Called with the open document; returns how to stop watching it. */
	attach: (doc: Y.Doc) => () => void;
	/** The document's loaded state may have changed (opened, first sync). */
	onState: () => void;
}

export class ContactDocHandle {
	readonly #client: WorkspaceClient;
	readonly #contactId: string;
	readonly #watch: ContactDocWatch;
	#doc: Y.Doc | null = null;
	#detach: (() => void) | null = null;
	#closed = false;
	#failure: string | null = null;

	constructor(client: WorkspaceClient, contactId: string, watch: ContactDocWatch) {
		this.#client = client;
		this.#contactId = contactId;
		this.#watch = watch;
		void this.#open();
	}

	get doc(): Y.Doc | null {
		return this.#doc;
	}

	/** The document is here and holds the contact (every contact starts with a created event). */
	get loaded(): boolean {
		if (!this.#doc) return false;
		const provider = this.#client.pool.provider(this.#client.contactDocName(this.#contactId));
		return contactMaps(this.#doc).events.size > 0 || provider?.isSynced === true;
	}

	/** Why the document could not be opened (IndexedDB unavailable), if it could not. */
	get failure(): string | null {
		return this.#failure;
	}

	async #open(): Promise<void> {
		let doc: Y.Doc;
		try {
			doc = (await this.#client.contactDocs(this.#contactId)).contact;
		} catch (error) {
			this.#failure = error instanceof Error ? error.message : String(error);
			this.#watch.onState();
			return;
		}
		if (this.#closed) return;
		this.#doc = doc;
		const stopContent = this.#watch.attach(doc);
		const provider = this.#client.pool.provider(this.#client.contactDocName(this.#contactId));
		const onSynced = () => this.#watch.onState();
		provider?.on('synced', onSynced);
		const onDestroy = () => {
			this.#release();
			if (!this.#closed) void this.#open();
		};
		doc.on('destroy', onDestroy);
		this.#detach = () => {
			stopContent();
			provider?.off('synced', onSynced);
			doc.off('destroy', onDestroy);
		};
		this.#watch.onState();
	}

	#release(): void {
		this.#detach?.();
		this.#detach = null;
		this.#doc = null;
	}

	destroy(): void {
		this.#closed = true;
		this.#release();
	}
}
