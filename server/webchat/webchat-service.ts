// What a web chat visitor can do, each through the same paths as everything else: starting a
// chat links the visitor to a contact (channel_contacts, like a webhook's sender) and creates
// it; a message is `recordInboundMessage` through the channels' InboundService; a page change
// is `recordPageChange`; "seen" is `setDeliveryStatus` on the agents' messages. All written
// with the web chat channel's actor.
import type { Hocuspocus } from '@hocuspocus/server';
import { ActionInputError, recordPageChange, setDeliveryStatus } from '../../shared/actions/index.ts';
import { contactMaps, readDelivery } from '../../shared/doc/contact-doc.ts';
import { contactDocName, indexDocName, shardOf, workspaceDocName } from '../../shared/doc/names.ts';
import { readWorkspaceMeta } from '../../shared/doc/workspace-doc.ts';
import type { Attachment } from '../../shared/schemas/message.ts';
import type { VisitorPage, VisitorSession, WebchatInfo } from '../../shared/schemas/webchat.ts';
import { channelActor } from '../channels/actors.ts';
import type { InboundService } from '../channels/inbound.ts';
import { toAttachment, type FileService } from '../files/file-service.ts';
import { newId } from '../storage/ids.ts';
import type { Storage, StoredChannel } from '../storage/types.ts';
import { withDirectConnection, withDirectConnections } from '../sync/direct-connection.ts';
import { parseMessage, visitorProviderId } from './visitor-messages.ts';
import { parseVisitorToken, verifyVisitorToken, visitorToken } from './visitor-token.ts';

/** A signed-in visitor: whose conversation, through which channel. */
export type Visitor = { channel: StoredChannel; visitorId: string; contactId: string; workspaceId: string };

/** A refusal the visitor's page can show. */
export class VisitorError extends Error {}

export class WebchatService {
	readonly #hocuspocus: Hocuspocus;
	readonly #storage: Storage;
	readonly #files: FileService;
	readonly #inbound: InboundService;

	constructor(hocuspocus: Hocuspocus, storage: Storage, files: FileService, inbound: InboundService) {
		this.#hocuspocus = hocuspocus;
		this.#storage = storage;
		this.#files = files;
		this.#inbound = inbound;
	}

	get hocuspocus(): Hocuspocus {
		return this.#hocuspocus;
	}

	/** The workspace's web chat channel (its oldest, if an owner made several), or null. */
	async channelOf(workspaceId: string): Promise<StoredChannel | null> {
		return (await this.#storage.listChannels(workspaceId)).find((channel) => channel.type === 'webchat') ?? null;
	}

	/** What the chat page shows before the visitor writes: the workspace's name. */
	async info(workspaceId: string): Promise<WebchatInfo | null> {
		const channel = await this.channelOf(workspaceId);
		if (!channel) return null;
		const name = await withDirectConnection(this.#hocuspocus, workspaceDocName(workspaceId), (doc) => readWorkspaceMeta(doc)?.name, 'channel');
		return { workspace: { name: name ?? 'Support' } };
	}

	/** A new visitor: linked to a new contact, which is created now (it shows in the inbox). */
	async start(workspaceId: string, profile: { name: string; email?: string }): Promise<VisitorSession | null> {
		const channel = await this.channelOf(workspaceId);
		if (!channel) return null;
		const visitorId = newId();
		const { contactId } = await this.#storage.linkChannelContact(channel.id, visitorId, newId());
		await this.#inbound.ensureContact(channel, contactId, { id: visitorId, name: profile.name, email: profile.email });
		return { token: visitorToken(channel, visitorId), visitor: { id: visitorId, name: profile.name, email: profile.email ?? null } };
	}

	async authenticate(token: string): Promise<Visitor | null> {
		const parsed = parseVisitorToken(token);
		const channel = parsed ? await this.#storage.getChannel(parsed.channelId) : null;
		if (!parsed || !channel || !verifyVisitorToken(channel, parsed)) return null;
		// The link was made when the visitor started; this finds it (or, if it was lost with a
		// deleted channel of the same id, makes a fresh contact rather than failing forever).
		const { contactId, created } = await this.#storage.linkChannelContact(channel.id, parsed.visitorId, newId());
		if (created) await this.#inbound.ensureContact(channel, contactId, { id: parsed.visitorId, name: 'Visitor' });
		return { channel, visitorId: parsed.visitorId, contactId, workspaceId: channel.workspaceId };
	}

	/** Records the visitor's message; its files must be the visitor's own uploads. */
	async send(visitor: Visitor, input: { clientId: string; text: string; files: string[] }, name: string): Promise<void> {
		const text = input.text.trim();
		const attachments: Attachment[] = [];
		for (const id of new Set(input.files)) {
			const file = await this.#files.get(id);
			if (!file || file.workspaceId !== visitor.workspaceId || file.uploadedBy !== `visitor:${visitor.visitorId}`) {
				throw new VisitorError('One of the files is not available any more. Attach it again.');
			}
			attachments.push(toAttachment(file));
		}
		if (!text && attachments.length === 0) throw new VisitorError('Write a message or attach a file.');
		await this.#inbound.record(
			visitor.channel,
			visitor.contactId,
			{ id: visitor.visitorId, name },
			{ providerMessageId: visitorProviderId(visitor.visitorId, input.clientId), text, sentAt: Date.now(), attachments }
		);
	}

	/** A page of the host site the visitor is on; anything but an http(s) URL is ignored. */
	async pageChange(visitor: Visitor, page: VisitorPage): Promise<void> {
		await withDirectConnections(
			this.#hocuspocus,
			{ index: indexDocName(visitor.workspaceId, shardOf(visitor.contactId)), contact: this.#contactDoc(visitor) },
			(docs) => {
				try {
					recordPageChange(docs, { contactId: visitor.contactId, url: page.url, title: page.title?.trim() || undefined }, channelActor(visitor.channel.id));
				} catch (error) {
					if (!(error instanceof ActionInputError)) throw error;
				}
			},
			'channel'
		);
	}

	/** The visitor's page has (`read`: shows) these agent messages: delivered / read. */
	async seen(visitor: Visitor, ids: string[], read: boolean): Promise<void> {
		const state = read ? 'read' : 'delivered';
		await withDirectConnection(
			this.#hocuspocus,
			this.#contactDoc(visitor),
			(contact) => {
				const messages = contactMaps(contact).messages;
				for (const id of new Set(ids)) {
					const message = parseMessage(messages.get(id), visitor.contactId);
					const status = message?.direction === 'out' ? readDelivery(contact, id) : null;
					if (!status || status.state === 'failed' || status.state === state || status.state === 'read') continue;
					setDeliveryStatus(
						{ contact },
						{ contactId: visitor.contactId, messageId: id, attempt: status.attempt, state, error: null },
						channelActor(visitor.channel.id)
					);
				}
			},
			'channel'
		);
	}

	#contactDoc(visitor: Visitor): string {
		return contactDocName(visitor.workspaceId, visitor.contactId);
	}
}
