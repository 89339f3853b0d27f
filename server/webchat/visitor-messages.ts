// What of a contact document a web chat visitor may see: the messages, each reduced to what the
// visitor's own chat shows (direction, text, files with links signed for them, time, who
// answered). Comments, events, delivery details, the profile and everything else in the
// document never leave this file.
import { contactMaps } from '../../shared/doc/contact-doc.ts';
import { readMembers, readWorkspaceMeta } from '../../shared/doc/workspace-doc.ts';
import { messageSchema, type Message } from '../../shared/schemas/message.ts';
import type { VisitorMessage } from '../../shared/schemas/webchat.ts';
import type * as Y from 'yjs';
import { THUMBNAIL_TYPES } from '../files/file-types.ts';
import type { StoredChannel } from '../storage/types.ts';
import { fileLink } from './visitor-token.ts';

/** Provider message id of a visitor's message: their page's id for it, scoped to them. */
export const visitorProviderId = (visitorId: string, clientId: string) => `webchat:${visitorId}:${clientId}`;

export type Projection = {
	channel: StoredChannel;
	visitorId: string;
	/** The workspace document, for agents' and the workspace's names. */
	workspace: Y.Doc;
};

function authorOf(message: Message, workspace: Y.Doc): string | null {
	if (message.direction === 'in') return null;
	if (message.sender.kind === 'user' && message.sender.id) {
		const member = readMembers(workspace).find((m) => m.id === message.sender.id);
		if (member) return member.name;
	}
	return readWorkspaceMeta(workspace)?.name ?? 'Support';
}

export function toVisitorMessage(message: Message, { channel, visitorId, workspace }: Projection, now = Date.now()): VisitorMessage {
	const prefix = visitorProviderId(visitorId, '');
	const clientId = message.direction === 'in' && message.providerMessageId?.startsWith(prefix) ? message.providerMessageId.slice(prefix.length) : null;
	return {
		id: message.id,
		direction: message.direction,
		text: message.text,
		attachments: message.attachments.map(({ id, name, mime, size, unavailable }) => {
			const stored = unavailable === undefined;
			return {
				id,
				name,
				mime,
				size,
				...(stored ? {} : { unavailable }),
				url: stored ? fileLink(channel, id, false, now) : null,
				thumbnailUrl: stored && THUMBNAIL_TYPES.has(mime) ? fileLink(channel, id, true, now) : null
			};
		}),
		at: message.at,
		author: authorOf(message, workspace),
		clientId
	};
}

/** One record of the messages map, if it is a valid message of this contact. */
export function parseMessage(value: unknown, contactId: string): Message | null {
	const parsed = messageSchema.safeParse(value);
	return parsed.success && parsed.data.contactId === contactId ? parsed.data : null;
}

/** The visitor's whole conversation, oldest first (the latest `limit`). */
export function visitorHistory(contact: Y.Doc, contactId: string, projection: Projection, limit: number): VisitorMessage[] {
	const messages: Message[] = [];
	for (const value of contactMaps(contact).messages.values()) {
		const message = parseMessage(value, contactId);
		if (message) messages.push(message);
	}
	messages.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
	return messages.slice(-limit).map((message) => toVisitorMessage(message, projection));
}
