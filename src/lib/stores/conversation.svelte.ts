import type * as Y from 'yjs';
import { contactMaps, readContactSummary, readDraft, readMarker } from '$shared/doc/index.ts';
import { unreadCount } from '$shared/query/index.ts';
import type { ContactSummary } from '$shared/schemas/index.ts';
import { HistoryIndex, type HistoryChange, type HistoryKind } from './conversation-history.ts';
import { HistoryItems, type HistoryItem } from './conversation-items.ts';
import { HistoryWindow } from './conversation-window.ts';
import { FrameBatch, type Scheduler } from './frame.ts';

// One open conversation: its history (messages and events in time order, with delivery status)
// as a window over the whole, plus the contact's list row and this agent's unread count.
// It opens on the latest records; older ones come in as the agent scrolls up, and the window
// stays bounded (conversation-window.ts), so a 10,000-message contact renders a few hundred
// rows at most. Changes are applied per changed key (conversation-history.ts), once per frame.

export interface ConversationDocs {
	contact: Y.Doc;
	/** The contact's index shard (its list row). */
	index: Y.Doc;
	/** This agent's own document (read marker, draft). */
	agent: Y.Doc;
}

export interface ConversationWindow {
	start: number;
	end: number;
	total: number;
}

export class ConversationStore {
	readonly contactId: string;
	readonly #docs: ConversationDocs;
	readonly #index = new HistoryIndex();
	readonly #items: HistoryItems;
	readonly #batch: FrameBatch;
	readonly #unsubscribe: (() => void)[] = [];
	// Bookkeeping between frames, deliberately not reactive: views read the $state fields only.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#changes = new Map<string, HistoryChange>();
	#rowDirty = false;
	readonly #slice = new HistoryWindow();

	#window = $state.raw<ConversationWindow>({ start: 0, end: 0, total: 0 });
	#visible = $state.raw<readonly HistoryItem[]>([]);
	#summary = $state.raw<ContactSummary | null>(null);
	#marker = $state(0);
	#unread = $derived(this.#summary ? unreadCount(this.#summary, this.#marker) : 0);

	constructor(contactId: string, docs: ConversationDocs, schedule?: Scheduler) {
		this.contactId = contactId;
		this.#docs = docs;
		const maps = contactMaps(docs.contact);
		this.#items = new HistoryItems(maps.messages, maps.events, maps.delivery);
		this.#batch = new FrameBatch(() => this.#refresh(), schedule);

		const watch = (kind: HistoryKind, map: Y.Map<unknown>) => {
			const onChange = (event: Y.YMapEvent<unknown>) => {
				for (const id of event.keysChanged) this.#changes.set(`${kind}:${id}`, { kind, id, raw: undefined });
				this.#batch.request();
			};
			map.observe(onChange);
			this.#unsubscribe.push(() => map.unobserve(onChange));
		};
		watch('message', maps.messages);
		watch('event', maps.events);
		const onDelivery = (event: Y.YMapEvent<unknown>) => {
			for (const key of event.keysChanged) {
				const messageId = this.#items.deliveryChanged(key);
				// No reordering, but the item must be rebuilt: mark it as a change of the message.
				this.#changes.set(`message:${messageId}`, { kind: 'message', id: messageId, raw: undefined });
			}
			this.#batch.request();
		};
		maps.delivery.observe(onDelivery);
		this.#unsubscribe.push(() => maps.delivery.unobserve(onDelivery));
		const onRow = () => {
			this.#rowDirty = true;
			this.#batch.request();
		};
		for (const doc of [docs.index, docs.agent]) {
			doc.on('update', onRow);
			this.#unsubscribe.push(() => doc.off('update', onRow));
		}

		// Everything already loaded (IndexedDB) shows now, not a frame later.
		const initial: HistoryChange[] = [];
		for (const [id, raw] of maps.messages.entries()) initial.push({ kind: 'message', id, raw });
		for (const [id, raw] of maps.events.entries()) initial.push({ kind: 'event', id, raw });
		this.#index.apply(initial);
		this.#rowDirty = true;
		this.#refresh();
	}

	/** The records on screen, oldest first. */
	get items(): readonly HistoryItem[] {
		return this.#visible;
	}

	get window(): ConversationWindow {
		return this.#window;
	}

	get hasOlder(): boolean {
		return this.#window.start > 0;
	}

	get hasNewer(): boolean {
		return this.#window.end < this.#window.total;
	}

	/** The contact's list row (name, channel, status, assignee, snooze), or null if unknown here. */
	get summary(): ContactSummary | null {
		return this.#summary;
	}

	/** Incoming messages this agent has not read. */
	get unread(): number {
		return this.#unread;
	}

	/** The agent's saved draft for this contact, as stored now. */
	draft(): string {
		return readDraft(this.#docs.agent, this.contactId);
	}

	/** Brings older records into the window; false when there are none. */
	showOlder(): boolean {
		const moved = this.#slice.older(this.#index.length);
		if (moved) this.#publish();
		return moved;
	}

	/** Brings newer records into the window (after the agent scrolled far up and back). */
	showNewer(): boolean {
		const moved = this.#slice.newer(this.#index.length);
		if (moved) this.#publish();
		return moved;
	}

	/** Back to the latest page. */
	showLatest(): void {
		this.#slice.latest(this.#index.length);
		this.#publish();
	}

	#refresh(): void {
		if (this.#changes.size > 0) {
			const maps = contactMaps(this.#docs.contact);
			const changes = [...this.#changes.values()];
			// eslint-disable-next-line svelte/prefer-svelte-reactivity
			this.#changes = new Map();
			for (const change of changes) {
				change.raw = (change.kind === 'message' ? maps.messages : maps.events).get(change.id);
				this.#items.forget(change.kind, change.id);
			}
			this.#index.apply(changes);
		}
		if (this.#rowDirty) {
			this.#rowDirty = false;
			this.#summary = readContactSummary(this.#docs.index, this.contactId);
			this.#marker = readMarker(this.#docs.agent, this.contactId);
		}
		this.#slice.fit(this.#index.length);
		this.#publish();
	}

	#publish(): void {
		const total = this.#index.length;
		const items: HistoryItem[] = [];
		const { start, end } = this.#slice;
		for (const ref of this.#index.slice(start, end)) {
			const item = this.#items.get(ref);
			if (item) items.push(item);
		}
		const previous = this.#visible;
		// A change outside the window (or to the row only) keeps the same array: nothing re-renders.
		if (items.length !== previous.length || items.some((item, i) => item !== previous[i])) this.#visible = items;
		const current = this.#window;
		if (current.start !== start || current.end !== end || current.total !== total) {
			this.#window = { start, end, total };
		}
	}

	destroy(): void {
		this.#batch.stop();
		for (const off of this.#unsubscribe) off();
	}
}
