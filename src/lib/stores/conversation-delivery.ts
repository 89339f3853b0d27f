import type { DeliveryStatus } from '$shared/doc/index.ts';
import type { Message } from '$shared/schemas/index.ts';

// What an outgoing message's status line says. "Queued" alone would hide the difference an
// agent cares about: a message still only on this device (offline; it goes out when the
// connection is back) versus one the server has and is waiting to deliver to the channel.

export type DeliveryView = 'waiting' | 'queued' | 'sent' | 'delivered' | 'read' | 'failed';

/**
 * The action that wrote a message is recorded a moment after the message's own timestamp (both
 * from this device's clock), so a message belongs to the pending actions if it is at most this
 * much older than the oldest of them.
 */
const SAME_ACTION_MS = 1_000;

export function deliveryView(
	message: Message,
	delivery: DeliveryStatus | null,
	me: string,
	waitingSince: number | null
): DeliveryView | null {
	if (message.direction !== 'out') return null;
	const state = delivery?.state ?? 'queued';
	if (state !== 'queued') return state;
	const mine = message.sender.kind === 'user' && message.sender.id === me;
	return mine && waitingSince !== null && message.at >= waitingSince - SAME_ACTION_MS ? 'waiting' : 'queued';
}

export const DELIVERY_TEXT: Record<DeliveryView, { label: string; title: string }> = {
	waiting: { label: 'Waiting to sync', title: 'Queued — sends when online' },
	queued: { label: 'Queued', title: 'On the server, waiting to be delivered' },
	sent: { label: 'Sent', title: 'Sent to the channel' },
	delivered: { label: 'Delivered', title: 'Delivered to the contact' },
	read: { label: 'Read', title: 'Read by the contact' },
	failed: { label: 'Not delivered', title: 'Not delivered' }
};
