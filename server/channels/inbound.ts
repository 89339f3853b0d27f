// Records a verified, parsed webhook message: finds or creates the contact, then writes the
// message through the shared actions over direct connections (so the contact list, unread
// counts and the "done → pending" reopening are the actions' own work, the same as anywhere).
import type { Hocuspocus } from '@hocuspocus/server';
import type * as Y from 'yjs';
import { createContact, recordInboundMessage } from '../../shared/actions/index.ts';
import { contactDocName, indexDocName, indexMaps, shardOf } from '../../shared/doc/index.ts';
import type { InboundMessage, InboundResult } from '../../shared/schemas/channel-api.ts';
import type { Attachment } from '../../shared/schemas/message.ts';
import { newId } from '../storage/ids.ts';
import type { Storage, StoredChannel } from '../storage/types.ts';
import { withDirectConnections } from '../sync/direct-connection.ts';
import { channelActor } from './actors.ts';
import type { InboundAttachmentStore } from './inbound-attachments.ts';
import { KeyedQueue } from './keyed-queue.ts';

export type InboundSender = InboundMessage['sender'];
/** An inbound message with its files stored: what `recordInboundMessage` is given. */
export type ResolvedInbound = { providerMessageId: string; text: string; sentAt: number; attachments: Attachment[] };

export class InboundService {
	readonly #hocuspocus: Hocuspocus;
	readonly #storage: Storage;
	readonly #attachments: InboundAttachmentStore;
	// Per contact, in this process: the document check "is this provider id recorded?" and the
	// write must not interleave, or two copies of one webhook would both count as unread.
	readonly #queue = new KeyedQueue();

	constructor(hocuspocus: Hocuspocus, storage: Storage, attachments: InboundAttachmentStore) {
		this.#hocuspocus = hocuspocus;
		this.#storage = storage;
		this.#attachments = attachments;
	}

	async receive(channel: StoredChannel, message: InboundMessage, now = Date.now()): Promise<InboundResult> {
		// The link is made in the database, atomically: of five first messages of a new sender
		// arriving at once, one insert wins and all five get its contact id.
		const { contactId } = await this.#storage.linkChannelContact(channel.id, message.sender.id, newId());
		const key = `${channel.workspaceId}/${contactId}`;
		return this.#queue.run(key, async () => {
			const attachments = await Promise.all(message.attachments.map((a) => this.#attachments.accept(channel.workspaceId, a, channel.id)));
			const { messageId, sender, text, sentAt } = message;
			return this.#record(channel, contactId, sender, { providerMessageId: messageId, text, sentAt, attachments }, now);
		});
	}

	/**
	 * Records a message whose sender is linked and whose files are stored already (web chat:
	 * the visitor uploaded them first). Serialised per contact with `receive`.
	 */
	record(channel: StoredChannel, contactId: string, sender: InboundSender, message: ResolvedInbound, now = Date.now()): Promise<InboundResult> {
		return this.#queue.run(`${channel.workspaceId}/${contactId}`, () => this.#record(channel, contactId, sender, message, now));
	}

	/** Creates the linked contact unless the index has it (web chat: a visitor introduces themself). */
	ensureContact(channel: StoredChannel, contactId: string, sender: InboundSender, now = Date.now()): Promise<void> {
		return this.#queue.run(`${channel.workspaceId}/${contactId}`, () =>
			withDirectConnections(this.#hocuspocus, this.#names(channel, contactId), (docs) => this.#ensureContact(docs, channel, contactId, sender, now), 'channel')
		);
	}

	/** Waits for recordings in progress (shutdown). */
	idle(): Promise<void> {
		return this.#queue.idle();
	}

	async #record(channel: StoredChannel, contactId: string, sender: InboundSender, message: ResolvedInbound, now: number): Promise<InboundResult> {
		const { attachments } = message;
		const actor = channelActor(channel.id);
		return withDirectConnections(
			this.#hocuspocus,
			this.#names(channel, contactId),
			(docs) => {
				// Checked on every message, not only when the link was new: a link made just before
				// a crash has no contact yet, and the provider's retry must still create it.
				this.#ensureContact(docs, channel, contactId, sender, now);
				const result = recordInboundMessage(
					docs,
					{
						contactId,
						providerMessageId: message.providerMessageId,
						text: message.text,
						// A provider clock ahead of ours must not pin the contact to the top of the list.
						at: Math.min(message.sentAt, now),
						attachments
					},
					actor
				);
				return { contactId, messageId: result.message.id, duplicate: !result.created };
			},
			'channel'
		);
	}

	#names(channel: StoredChannel, contactId: string) {
		return { index: indexDocName(channel.workspaceId, shardOf(contactId)), contact: contactDocName(channel.workspaceId, contactId) };
	}

	#ensureContact(docs: { index: Y.Doc; contact: Y.Doc }, channel: StoredChannel, contactId: string, sender: InboundSender, now: number) {
		if (indexMaps(docs.index).channel.has(contactId)) return;
		const { name, phone, email } = sender;
		createContact(docs, { contactId, channel: channel.type, name, phone, email, createdAt: now }, channelActor(channel.id));
	}
}
