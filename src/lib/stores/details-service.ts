import { addTag, removeTag, updateProfileField } from '$shared/actions/index.ts';
import type { ProfileField, ProfileValue } from '$shared/schemas/index.ts';
import type { Inbox } from './inbox-session.ts';

// What the details column changes: profile fields and the contact's tags, each one shared
// action run through InboxService.perform (so it counts as waiting until the server has it).
// Errors (an invalid value, an unknown contact) come back as rejections for the view to show.

export class DetailsService {
	readonly #inbox: Pick<Inbox, 'client' | 'service'>;

	constructor(inbox: Pick<Inbox, 'client' | 'service'>) {
		this.#inbox = inbox;
	}

	async updateField(contactId: string, field: ProfileField, value: ProfileValue): Promise<void> {
		const { client, service } = this.#inbox;
		const docs = await client.contactDocs(contactId);
		service.perform('updateProfileField', contactId, [docs.index, docs.contact], () =>
			updateProfileField(docs, { contactId, field, value }, service.actor)
		);
	}

	/** Adds the tag, creating it in the workspace catalogue when its key is new. */
	async addTag(contactId: string, label: string): Promise<void> {
		const { client, service } = this.#inbox;
		const pair = await client.contactDocs(contactId);
		const docs = { ...pair, workspace: client.workspaceDoc };
		service.perform('addTag', contactId, [docs.index, docs.contact, docs.workspace], () =>
			addTag(docs, { contactId, label }, service.actor)
		);
	}

	async removeTag(contactId: string, tagKey: string): Promise<void> {
		const { client, service } = this.#inbox;
		const docs = await client.contactDocs(contactId);
		service.perform('removeTag', contactId, [docs.index, docs.contact], () =>
			removeTag(docs, { contactId, tagKey }, service.actor)
		);
	}
}
