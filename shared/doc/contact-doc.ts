import type * as Y from 'yjs';
import {
	commentSchema,
	deliveryRecordSchema,
	deliveryStateSchema,
	eventSchema,
	messageSchema,
	profileValueSchema,
	type Comment,
	type ConversationEvent,
	type DeliveryRecord,
	type DeliveryState,
	type Message,
	type Profile
} from '../schemas/index.ts';
import { readRecord, readRecords } from './read.ts';
import { KEY_SEPARATOR } from './registers.ts';

// `contact/{wid}/{cid}`: one contact's profile and history. Records are plain JSON values in
// root maps keyed by id (never nested Y types), so concurrent inserts merge and an id written
// twice (a retried send, a webhook delivered twice) stays one record.

export const CONTACT_MAPS = ['profile', 'messages', 'delivery', 'events', 'comments'] as const;
export type ContactMapName = (typeof CONTACT_MAPS)[number];
export type ContactMaps = Record<ContactMapName, Y.Map<unknown>>;

export function contactMaps(doc: Y.Doc): ContactMaps {
	const maps = {} as ContactMaps;
	for (const name of CONTACT_MAPS) maps[name] = doc.getMap(name);
	return maps;
}

const byTimeThenId = <T extends { at: number; id: string }>(a: T, b: T) =>
	a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function readProfile(doc: Y.Doc): Profile {
	const profile = contactMaps(doc).profile;
	const text = (key: string) => {
		const value = profile.get(key);
		return typeof value === 'string' ? value : null;
	};
	const custom: Record<string, string | number | null> = Object.create(null);
	for (const [key, value] of profile.entries()) {
		if (!key.startsWith('custom:')) continue;
		const parsed = readRecord(profileValueSchema, value, 'contact.profile', key);
		if (parsed !== null) custom[key.slice('custom:'.length)] = parsed;
	}
	return { name: text('name') ?? '', phone: text('phone'), email: text('email'), avatarUrl: text('avatarUrl'), custom };
}

/** All messages, oldest first. */
export function readMessages(doc: Y.Doc): Message[] {
	return [...readRecords(contactMaps(doc).messages.entries(), messageSchema, 'contact.messages').values()].sort(
		byTimeThenId
	);
}

export function readEvents(doc: Y.Doc): ConversationEvent[] {
	return [...readRecords(contactMaps(doc).events.entries(), eventSchema, 'contact.events').values()].sort(byTimeThenId);
}

export function readComments(doc: Y.Doc): Comment[] {
	return [...readRecords(contactMaps(doc).comments.entries(), commentSchema, 'contact.comments').values()].sort(
		byTimeThenId
	);
}

// Delivery status is a set of keys `{messageId}|{attempt}|{state}`: states only accumulate, so
// reports arriving out of order can never move a message backwards. A retry starts a new
// attempt; the status is the highest-ranked state of the latest attempt.

const STATE_RANK: Record<DeliveryState, number> = { queued: 0, sent: 1, failed: 2, delivered: 3, read: 4 };

export const deliveryKey = (messageId: string, attempt: number, state: DeliveryState) =>
	[messageId, attempt, state].join(KEY_SEPARATOR);

export interface DeliveryStatus extends DeliveryRecord {
	attempt: number;
}

export function readDelivery(doc: Y.Doc, messageId: string): DeliveryStatus | null {
	return deliveryOf(contactMaps(doc).delivery.entries(), messageId);
}

/** The message id a delivery key belongs to, so a view can index delivery keys by message. */
export const messageIdOfDeliveryKey = (key: string) => key.slice(0, Math.max(0, key.indexOf(KEY_SEPARATOR)));

/**
 * `readDelivery` over given entries (other messages' keys are skipped): a view that groups the
 * delivery map by message once reads each message's status without scanning the whole map.
 */
export function deliveryOf(entries: Iterable<[string, unknown]>, messageId: string): DeliveryStatus | null {
	const prefix = messageId + KEY_SEPARATOR;
	let best: DeliveryStatus | null = null;
	for (const [key, value] of entries) {
		if (!key.startsWith(prefix)) continue;
		const [attemptText, stateText] = key.slice(prefix.length).split(KEY_SEPARATOR);
		const attempt = Number(attemptText);
		const state = deliveryStateSchema.safeParse(stateText);
		const record = readRecord(deliveryRecordSchema, value, 'contact.delivery', key);
		if (!Number.isInteger(attempt) || !state.success || record === null || record.state !== state.data) continue;
		if (
			best === null ||
			attempt > best.attempt ||
			(attempt === best.attempt && STATE_RANK[record.state] > STATE_RANK[best.state])
		) {
			best = { ...record, attempt };
		}
	}
	return best;
}
