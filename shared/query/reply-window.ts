import { CHANNEL_TYPE_LABELS } from '../schemas/channel-api.ts';
import type { Channel, ChannelType, Message } from '../schemas/index.ts';

// Some providers accept a reply only within a window after the contact's last message
// (WhatsApp: 24 hours). The server refuses to send outside it, and the composer warns first;
// both ask this one function, so they never disagree about where the window ends.

const HOUR_MS = 3_600_000;

export type ReplyWindowState =
	/** The channel has no reply window: replies may go out any time. */
	| { kind: 'none' }
	| { kind: 'open'; hours: number; closesAt: number }
	| {
			kind: 'closed';
			hours: number;
			/** When the window closed; null when the contact never wrote on this channel. */
			closedAt: number | null;
			/** The reason a send is refused with, e.g. "Outside the 24-hour reply window for WhatsApp". */
			message: string;
	  };

export function replyWindowMessage(channel: Pick<Channel, 'type'>, hours: number): string {
	return `Outside the ${hours}-hour reply window for ${CHANNEL_TYPE_LABELS[channel.type]}`;
}

/**
 * Whether a reply sent at `now` falls inside the channel's window, counted from the contact's
 * last incoming message (`lastIncomingAt`, ms; null when there is none). The window's last
 * millisecond is still open.
 */
export function replyWindowState(
	channel: Pick<Channel, 'type' | 'replyWindowHours'>,
	lastIncomingAt: number | null,
	now: number
): ReplyWindowState {
	const hours = channel.replyWindowHours;
	if (hours === null) return { kind: 'none' };
	if (lastIncomingAt !== null) {
		const closesAt = lastIncomingAt + hours * HOUR_MS;
		if (now <= closesAt) return { kind: 'open', hours, closesAt };
		return { kind: 'closed', hours, closedAt: closesAt, message: replyWindowMessage(channel, hours) };
	}
	return { kind: 'closed', hours, closedAt: null, message: replyWindowMessage(channel, hours) };
}

/** Time of the contact's latest incoming message, or null. */
export function lastIncomingAt(messages: Iterable<Pick<Message, 'direction' | 'at'>>): number | null {
	let latest: number | null = null;
	for (const message of messages) {
		if (message.direction === 'in' && (latest === null || message.at > latest)) latest = message.at;
	}
	return latest;
}

/**
 * The window for a contact as the client can tell it: documents know a contact's channel type,
 * not which of the workspace's channels of that type it writes through (the server keeps that
 * link). With several channels of one type the strictest window is used, so the composer warns
 * no later than the server refuses.
 */
export function contactReplyWindow(
	channels: readonly Pick<Channel, 'type' | 'replyWindowHours'>[],
	contactType: ChannelType,
	lastIncoming: number | null,
	now: number
): ReplyWindowState {
	let strictest: Pick<Channel, 'type' | 'replyWindowHours'> | null = null;
	for (const channel of channels) {
		if (channel.type !== contactType || channel.replyWindowHours === null) continue;
		if (strictest === null || channel.replyWindowHours < (strictest.replyWindowHours ?? Infinity)) strictest = channel;
	}
	return strictest ? replyWindowState(strictest, lastIncoming, now) : { kind: 'none' };
}
