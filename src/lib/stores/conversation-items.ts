import type * as Y from 'yjs';
import { deliveryOf, messageIdOfDeliveryKey, readRecord, type DeliveryStatus } from '$shared/doc/index.ts';
import { eventSchema, messageSchema, type ConversationEvent, type Message } from '$shared/schemas/index.ts';
import { refKey, type HistoryRef } from './conversation-history.ts';

// What the history shows for one record, parsed with the shared schema only when it comes into
// view, and kept (same object) until that record or its delivery status changes, so a keyed
// list re-renders only the rows that changed.

export type HistoryItem =
	| { kind: 'message'; key: string; at: number; message: Message; delivery: DeliveryStatus | null }
	| { kind: 'event'; key: string; at: number; event: ConversationEvent };

export class HistoryItems {
	readonly #messages: Y.Map<unknown>;
	readonly #events: Y.Map<unknown>;
	readonly #delivery: Y.Map<unknown>;
	/** Delivery keys by message id, so one message's status never scans the whole map. */
	readonly #deliveryKeys = new Map<string, Set<string>>();
	readonly #cache = new Map<string, HistoryItem | null>();

	/** `only`: the messages whose delivery is wanted, when not all of them (a page read once). */
	constructor(messages: Y.Map<unknown>, events: Y.Map<unknown>, delivery: Y.Map<unknown>, only?: ReadonlySet<string>) {
		this.#messages = messages;
		this.#events = events;
		this.#delivery = delivery;
		for (const key of delivery.keys()) {
			if (!only || only.has(messageIdOfDeliveryKey(key))) this.#indexDeliveryKey(key);
		}
	}

	/** The item for a ref, or null when its record is invalid (reported by the reader). */
	get(ref: HistoryRef): HistoryItem | null {
		const key = refKey(ref.kind, ref.id);
		if (this.#cache.has(key)) return this.#cache.get(key) ?? null;
		const item = ref.kind === 'message' ? this.#readMessage(key, ref.id) : this.#readEvent(key, ref.id);
		this.#cache.set(key, item);
		return item;
	}

	/** A record changed: forget its parsed item. */
	forget(kind: HistoryRef['kind'], id: string): void {
		this.#cache.delete(refKey(kind, id));
	}

	/** A delivery key was added, changed or removed: returns the message id whose status moved. */
	deliveryChanged(key: string): string {
		const messageId = messageIdOfDeliveryKey(key);
		if (this.#delivery.has(key)) this.#indexDeliveryKey(key);
		else this.#deliveryKeys.get(messageId)?.delete(key);
		this.forget('message', messageId);
		return messageId;
	}

	#indexDeliveryKey(key: string): void {
		const messageId = messageIdOfDeliveryKey(key);
		if (!messageId) return;
		const keys = this.#deliveryKeys.get(messageId);
		if (keys) keys.add(key);
		else this.#deliveryKeys.set(messageId, new Set([key]));
	}

	#readMessage(key: string, id: string): HistoryItem | null {
		const message = readRecord(messageSchema, this.#messages.get(id), 'contact.messages', id);
		if (message === null) return null;
		const keys = this.#deliveryKeys.get(id);
		const delivery =
			message.direction === 'out' && keys
				? deliveryOf(
						[...keys].map((deliveryKey) => [deliveryKey, this.#delivery.get(deliveryKey)] as [string, unknown]),
						id
					)
				: null;
		return Object.freeze({ kind: 'message', key, at: message.at, message, delivery });
	}

	#readEvent(key: string, id: string): HistoryItem | null {
		const event = readRecord(eventSchema, this.#events.get(id), 'contact.events', id);
		return event === null ? null : Object.freeze({ kind: 'event', key, at: event.at, event });
	}
}
