// Decides what to do with one outbox row, from the documents and the channel tables: nothing
// (already settled, or the message is not there), refuse (no channel, reply window closed, no
// outbound URL), mark sent (web chat), or POST this payload to that URL.
import type { Hocuspocus } from '@hocuspocus/server';
import { contactMaps, readDelivery, readProfile } from '../../../shared/doc/contact-doc.ts';
import { readContactSummary } from '../../../shared/doc/index-doc.ts';
import { contactDocName, indexDocName, shardOf, workspaceDocName } from '../../../shared/doc/names.ts';
import { readChannels, readMembers } from '../../../shared/doc/workspace-doc.ts';
import { lastIncomingAt, replyWindowState } from '../../../shared/query/reply-window.ts';
import { CHANNEL_TYPE_LABELS, replyWindowFor, type OutboundMessage } from '../../../shared/schemas/channel-api.ts';
import type { ChannelType } from '../../../shared/schemas/contact.ts';
import { messageSchema, type Message } from '../../../shared/schemas/message.ts';
import type { Channel } from '../../../shared/schemas/workspace.ts';
import type { OutboxDelivery, Storage, StoredChannel } from '../../storage/types.ts';
import { withDirectConnections } from '../../sync/direct-connection.ts';

export type DeliveryPlan =
	/** The message is not in the document (yet): forget the row; a later sync queues it again. */
	| { kind: 'missing' }
	/** A later state or attempt exists: nothing to send. */
	| { kind: 'settled' }
	| { kind: 'refuse'; reason: string; channelId: string | null }
	/** Web chat: the visitor's own connection shows the message; there is nobody to POST to. */
	| { kind: 'local'; channelId: string }
	| { kind: 'post'; channel: StoredChannel; payload: OutboundMessage };

/** What the documents say about the row's message, read in one pass. */
type DocFacts = {
	message: Message | null;
	settled: boolean;
	contactType: ChannelType | null;
	recipient: { name: string; phone: string | null; email: string | null };
	lastIncomingAt: number | null;
	channels: Channel[];
	senderName: string | null;
};

function incomingTimes(messages: Iterable<unknown>): Array<{ direction: 'in'; at: number }> {
	const times: Array<{ direction: 'in'; at: number }> = [];
	for (const value of messages) {
		const record = value as { direction?: unknown; at?: unknown } | null;
		if (record?.direction === 'in' && typeof record.at === 'number') times.push({ direction: 'in', at: record.at });
	}
	return times;
}

async function readFacts(hocuspocus: Hocuspocus, row: OutboxDelivery): Promise<DocFacts> {
	const names = {
		workspace: workspaceDocName(row.workspaceId),
		index: indexDocName(row.workspaceId, shardOf(row.contactId)),
		contact: contactDocName(row.workspaceId, row.contactId)
	};
	return withDirectConnections(
		hocuspocus,
		names,
		({ workspace, index, contact }) => {
			const maps = contactMaps(contact);
			const parsed = messageSchema.safeParse(maps.messages.get(row.messageId));
			const message = parsed.success && parsed.data.direction === 'out' ? parsed.data : null;
			const status = message ? readDelivery(contact, message.id) : null;
			const settled = status !== null && (status.attempt > row.attempt || (status.attempt === row.attempt && status.state !== 'queued'));
			const summary = readContactSummary(index, row.contactId);
			const profile = readProfile(contact);
			const senderId = message?.sender.kind === 'user' ? message.sender.id : null;
			return {
				message,
				settled,
				contactType: summary?.channel ?? null,
				recipient: { name: summary?.name || profile.name, phone: summary?.phone ?? profile.phone, email: summary?.email ?? profile.email },
				lastIncomingAt: lastIncomingAt(incomingTimes(maps.messages.values())),
				channels: readChannels(workspace),
				senderName: senderId ? (readMembers(workspace).find((m) => m.id === senderId)?.name ?? null) : null
			};
		},
		'delivery'
	);
}

/**
 * The channel a contact is answered on: the one its messages came in through, or, for a
 * contact that never wrote through a webhook (seeded, imported), the workspace's oldest channel
 * of the contact's type, linked from then on with the contact id as its provider id.
 */
async function resolveChannel(
	storage: Storage,
	row: OutboxDelivery,
	contactType: ChannelType | null
): Promise<{ channel: StoredChannel; externalId: string } | null> {
	const link = await storage.findContactLink(row.workspaceId, row.contactId);
	if (link) {
		const channel = await storage.getChannel(link.channelId);
		return channel ? { channel, externalId: link.externalId } : null;
	}
	if (!contactType) return null;
	const channel = (await storage.listChannels(row.workspaceId)).find((c) => c.type === contactType);
	if (!channel) return null;
	const made = await storage.linkChannelContact(channel.id, row.contactId, row.contactId);
	return made.contactId === row.contactId ? { channel, externalId: row.contactId } : null;
}

export async function planDelivery(hocuspocus: Hocuspocus, storage: Storage, row: OutboxDelivery, now: number): Promise<DeliveryPlan> {
	const facts = await readFacts(hocuspocus, row);
	if (!facts.message) return { kind: 'missing' };
	if (facts.settled) return { kind: 'settled' };
	const resolved = await resolveChannel(storage, row, facts.contactType);
	if (!resolved) {
		const type = facts.contactType ? `${CHANNEL_TYPE_LABELS[facts.contactType]} ` : '';
		return { kind: 'refuse', reason: `No ${type}channel is set up to send this reply on`, channelId: null };
	}
	const { channel, externalId } = resolved;
	const record = facts.channels.find((c) => c.id === channel.id);
	const publicChannel = record ?? { type: channel.type, replyWindowHours: (replyWindowFor(channel.type, undefined) as { hours: number | null }).hours };
	const window = replyWindowState(publicChannel, facts.lastIncomingAt, now);
	if (window.kind === 'closed') return { kind: 'refuse', reason: window.message, channelId: channel.id };
	if (channel.type === 'webchat') return { kind: 'local', channelId: channel.id };
	if (!channel.outboundUrl) {
		const name = record?.name ?? CHANNEL_TYPE_LABELS[channel.type];
		return { kind: 'refuse', reason: `“${name}” has no outbound URL; an owner can set one in Settings → Channels`, channelId: channel.id };
	}
	const { message } = facts;
	return {
		kind: 'post',
		channel,
		payload: {
			deliveryId: row.id,
			channel: { id: channel.id, type: channel.type },
			recipient: { id: externalId, contactId: row.contactId, ...facts.recipient },
			message: {
				id: message.id,
				text: message.text,
				attachments: message.attachments,
				sentAt: message.at,
				sender: { kind: message.sender.kind, name: facts.senderName }
			}
		}
	};
}
