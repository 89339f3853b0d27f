import { contactMaps, readContactSummary, readProfile } from '$shared/doc/index.ts';
import type { ContactSummary, Profile } from '$shared/schemas/index.ts';
import type { WorkspaceClient } from '../sync/workspace-client.ts';
import { ContactDocHandle } from './details-contact-doc.ts';
import { FrameBatch, type Scheduler } from './frame.ts';

// One contact's details for the right column: the list row from its index shard (name, phone,
// email, tags: there at once, from the pinned shard) and the profile from its own document
// (custom fields: there once the document is). Both re-read at most once per frame, and only
// for changes to this contact's profile or to its shard.

export class ContactDetailsStore {
	readonly #client: WorkspaceClient;
	readonly #contactId: string;
	readonly #batch: FrameBatch;
	readonly #handle: ContactDocHandle;
	readonly #offIndex: () => void;
	#summary = $state.raw<ContactSummary | null>(null);
	#profile = $state.raw<Profile | null>(null);
	#loaded = $state(false);
	#failure = $state<string | null>(null);

	constructor(client: WorkspaceClient, contactId: string, schedule?: Scheduler) {
		this.#client = client;
		this.#contactId = contactId;
		this.#batch = new FrameBatch(() => this.#refresh(), schedule);
		const request = () => this.#batch.request();
		const index = client.indexDoc(contactId);
		index.on('update', request);
		this.#offIndex = () => index.off('update', request);
		this.#handle = new ContactDocHandle(client, contactId, {
			attach: (doc) => {
				const { profile, events } = contactMaps(doc);
				profile.observe(request);
				events.observe(request);
				return () => {
					profile.unobserve(request);
					events.unobserve(request);
				};
			},
			onState: request
		});
		this.#refresh();
	}

	get contactId(): string {
		return this.#contactId;
	}

	/** The list row; null while the contact is unknown on this device. */
	get summary(): ContactSummary | null {
		return this.#summary;
	}

	/** The full profile; null until the contact's document is open. */
	get profile(): Profile | null {
		return this.#profile;
	}

	/** The contact's document has arrived (custom field values are real, not just empty). */
	get loaded(): boolean {
		return this.#loaded;
	}

	get failure(): string | null {
		return this.#failure;
	}

	#refresh(): void {
		this.#summary = readContactSummary(this.#client.indexDoc(this.#contactId), this.#contactId);
		const doc = this.#handle.doc;
		this.#profile = doc ? readProfile(doc) : null;
		this.#loaded = this.#handle.loaded;
		this.#failure = this.#handle.failure;
	}

	destroy(): void {
		this.#batch.stop();
		this.#offIndex();
		this.#handle.destroy();
	}
}
