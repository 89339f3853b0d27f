import type * as Y from 'yjs';
import { randomId, saveDraft, sendMessage, setDeliveryStatus, snoozeContact, unsnoozeContact } from '$shared/actions/index.ts';
import { readDelivery } from '$shared/doc/index.ts';
import { fillVariables, type VariableContext } from '$shared/query/variables.ts';
import type { Message } from '$shared/schemas/index.ts';
import type { Inbox } from './inbox-session.ts';

// The conversation column's writes, each one shared action run through InboxService.perform
// (so it counts as waiting until the server has it): send, retry, snooze, unsnooze, draft, read.
// Triage that the list also offers (assign, done, reopen) goes through InboxService itself.

export class ConversationActions {
	readonly #inbox: Inbox;
	readonly contactId: string;

	constructor(inbox: Inbox, contactId: string) {
		this.#inbox = inbox;
		this.contactId = contactId;
	}

	/**
	 * Sends `text` with its variables filled in. The id is made here, so a send that is retried
	 * (or replayed after an offline reload) stays one message. Offline it is written locally,
	 * shows as waiting, and the document sync takes it to the server when the socket is back.
	 */
	async send(text: string, variables: VariableContext): Promise<Message | null> {
		const filled = fillVariables(text, variables).trim();
		if (!filled) return null;
		const docs = await this.#docs();
		const { service } = this.#inbox;
		const { message } = service.perform('sendMessage', this.contactId, [docs.index, docs.contact], () =>
			sendMessage(docs, { contactId: this.contactId, messageId: randomId(), text: filled }, service.actor)
		);
		return message;
	}

	/**
	 * Sends a failed message again: a new attempt (`attempt + 1`, `queued`), which the server
	 * delivers with a new delivery id (docs/channels.md, "Retry by an agent"). Does nothing
	 * unless the message's latest attempt has failed, so a double click stays one retry.
	 */
	async retry(messageId: string): Promise<void> {
		const docs = await this.#docs();
		const current = readDelivery(docs.contact, messageId);
		if (current?.state !== 'failed') return;
		const { service } = this.#inbox;
		service.perform('setDeliveryStatus', this.contactId, [docs.contact], () =>
			setDeliveryStatus(docs, { contactId: this.contactId, messageId, attempt: current.attempt + 1, state: 'queued' }, service.actor)
		);
	}

	async snooze(until: number): Promise<void> {
		const docs = await this.#docs();
		const { service } = this.#inbox;
		service.perform('snoozeContact', this.contactId, [docs.index, docs.contact], () =>
			snoozeContact(docs, { contactId: this.contactId, until }, service.actor)
		);
	}

	async unsnooze(): Promise<void> {
		const docs = await this.#docs();
		const { service } = this.#inbox;
		service.perform('unsnoozeContact', this.contactId, [docs.index, docs.contact], () =>
			unsnoozeContact(docs, { contactId: this.contactId }, service.actor)
		);
	}

	saveDraft(text: string): void {
		const { client, service } = this.#inbox;
		const agent: Y.Doc = client.agentDoc;
		service.perform('saveDraft', this.contactId, [agent], () =>
			saveDraft({ agent }, { contactId: this.contactId, text }, service.actor)
		);
	}

	markRead(): void {
		this.#inbox.service.markRead(this.contactId);
	}

	assign(userId: string): Promise<void> {
		return this.#inbox.service.assign(this.contactId, userId);
	}

	unassign(): Promise<void> {
		return this.#inbox.service.unassign(this.contactId);
	}

	markDone(): Promise<void> {
		return this.#inbox.service.markDone(this.contactId);
	}

	reopen(): Promise<void> {
		return this.#inbox.service.markPending(this.contactId);
	}

	// Asked each time: the pool returns the open document, and touches it in its LRU.
	#docs() {
		return this.#inbox.client.contactDocs(this.contactId);
	}
}
