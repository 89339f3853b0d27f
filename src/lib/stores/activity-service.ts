import { addComment, randomId } from '$shared/actions/index.ts';
import type { Inbox } from './inbox-session.ts';

// Posting an internal comment: one `addComment` through InboxService.perform. The comment id
// is made here, so a retry after a lost acknowledgement finds the same comment, not a second.

export class ActivityService {
	readonly #inbox: Pick<Inbox, 'client' | 'service'>;

	constructor(inbox: Pick<Inbox, 'client' | 'service'>) {
		this.#inbox = inbox;
	}

	async comment(contactId: string, text: string, mentions: string[]): Promise<void> {
		const { client, service } = this.#inbox;
		const { contact } = await client.contactDocs(contactId);
		const commentId = randomId();
		service.perform('addComment', contactId, [contact], () =>
			addComment({ contact }, { contactId, commentId, text, mentions }, service.actor)
		);
	}
}
