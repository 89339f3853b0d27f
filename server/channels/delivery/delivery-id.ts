// A delivery is one attempt at sending one outgoing message. Its id is derived from what it
// delivers, so every path that notices the queued message (the live observer, the scan when a
// document loads, a second server process) names the same outbox row, and the provider sees
// the same `X-Switchboard-Delivery` on every retry of that attempt.
import { createHash } from 'node:crypto';

export function deliveryIdOf(workspaceId: string, contactId: string, messageId: string, attempt: number): string {
	const digest = createHash('sha256').update(`${workspaceId}/${contactId}/${messageId}/${attempt}`).digest('base64url');
	return `dlv_${digest.slice(0, 32)}`;
}
