// Which delivery attempts are waiting: a `{messageId}|{attempt}|queued` key whose attempt has
// no later state yet (sent, failed, delivered, read) and no later attempt. Reads delivery keys
// only; values are validated by the worker when it reads the message.
import type * as Y from 'yjs';
import { KEY_SEPARATOR } from '../../../shared/doc/registers.ts';
import { deliveryStateSchema, type DeliveryState } from '../../../shared/schemas/message.ts';

export type QueuedAttempt = { messageId: string; attempt: number };

export function parseDeliveryKey(key: string): (QueuedAttempt & { state: DeliveryState }) | null {
	const parts = key.split(KEY_SEPARATOR);
	if (parts.length !== 3) return null;
	const [messageId, attemptText, stateText] = parts as [string, string, string];
	const attempt = Number(attemptText);
	const state = deliveryStateSchema.safeParse(stateText);
	if (!messageId || !Number.isSafeInteger(attempt) || attempt < 1 || !state.success) return null;
	return { messageId, attempt, state: state.data };
}

/** Attempts that are the latest of their message and have only their `queued` key. */
export function queuedAttempts(delivery: Y.Map<unknown>): QueuedAttempt[] {
	const latest = new Map<string, { attempt: number; settled: boolean; queued: boolean }>();
	for (const key of delivery.keys()) {
		const parsed = parseDeliveryKey(key);
		if (!parsed) continue;
		const seen = latest.get(parsed.messageId);
		if (seen && seen.attempt > parsed.attempt) continue;
		const entry =
			seen && seen.attempt === parsed.attempt ? seen : { attempt: parsed.attempt, settled: false, queued: false };
		if (parsed.state === 'queued') entry.queued = true;
		else entry.settled = true;
		latest.set(parsed.messageId, entry);
	}
	const waiting: QueuedAttempt[] = [];
	for (const [messageId, entry] of latest) if (entry.queued && !entry.settled) waiting.push({ messageId, attempt: entry.attempt });
	return waiting;
}

/** Whether an attempt has a state beyond `queued` (or a later attempt exists). */
export function attemptSettled(delivery: Y.Map<unknown>, { messageId, attempt }: QueuedAttempt): boolean {
	const prefix = messageId + KEY_SEPARATOR;
	for (const key of delivery.keys()) {
		if (!key.startsWith(prefix)) continue;
		const parsed = parseDeliveryKey(key);
		if (parsed && (parsed.attempt > attempt || (parsed.attempt === attempt && parsed.state !== 'queued'))) return true;
	}
	return false;
}
