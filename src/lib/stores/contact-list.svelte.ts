import type * as Y from 'yjs';
import { readContactSummaries, readMarkers } from '$shared/doc/index.ts';
import {
	filterContacts,
	indicatorState,
	listFilter,
	sortByRecent,
	unreadCount,
	type IndicatorState
} from '$shared/query/index.ts';
import type { ContactSummary } from '$shared/schemas/index.ts';
import { INBOX_TABS, tabFilter, type InboxTab } from './contact-tabs.ts';
import { FrameBatch, type Scheduler } from './frame.ts';

// The contact list over the 64 index shards and the agent's read markers. Each shard's rows are
// read with `readContactSummaries` only when that shard changed; all changes within a frame cost
// one refresh. The view gets plain frozen arrays ($state.raw): rows are replaced, never mutated.

export interface ContactRow extends ContactSummary {
	/** Incoming messages after this agent's read marker. */
	unread: number;
}

/** Per tab: how many contacts it lists, and orange when any of them has unread messages. */
export type TabCounts = Record<InboxTab, IndicatorState>;

export interface ContactListOptions {
	schedule?: Scheduler;
	now?: () => number;
}

export class ContactListStore {
	readonly #shards: readonly Y.Doc[];
	readonly #agent: Y.Doc;
	readonly #userId: string;
	readonly #now: () => number;
	/** Each shard's parsed rows, re-read only when that shard changed. */
	readonly #summaries: ContactSummary[][];
	/** The same with this agent's unread counts. */
	readonly #shardRows: ContactRow[][];
	// Bookkeeping between frames, deliberately not reactive: views read #rows only.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	readonly #dirty = new Set<number>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#markers = new Map<string, number>();
	#markersDirty = true;
	readonly #batch: FrameBatch;
	readonly #unsubscribe: (() => void)[] = [];

	#rows = $state.raw<ContactRow[]>([]);
	#tab = $state<InboxTab>('new');
	/** The clock the lists filter by; ticks each minute so a snooze that ends shows up. */
	#time = $state(0);
	readonly #clock: ReturnType<typeof setInterval>;
	#counts = $derived(this.#countTabs(this.#rows));
	// #rows is sorted already and filtering keeps order (and the objects, with their `unread`).
	#visible = $derived(
		filterContacts(this.#rows, listFilter(tabFilter(this.#tab)), this.#context()) as ContactRow[]
	);

	constructor(shards: readonly Y.Doc[], agent: Y.Doc, userId: string, options: ContactListOptions = {}) {
		this.#shards = shards;
		this.#agent = agent;
		this.#userId = userId;
		this.#now = options.now ?? Date.now;
		this.#time = this.#now();
		this.#clock = setInterval(() => (this.#time = this.#now()), 60_000);
		this.#summaries = shards.map(() => []);
		this.#shardRows = shards.map(() => []);
		this.#batch = new FrameBatch(() => this.#refresh(), options.schedule);
		shards.forEach((doc, shard) => {
			const onUpdate = () => {
				this.#dirty.add(shard);
				this.#batch.request();
			};
			doc.on('update', onUpdate);
			this.#unsubscribe.push(() => doc.off('update', onUpdate));
			this.#dirty.add(shard);
		});
		const onMarkers = () => {
			this.#markersDirty = true;
			this.#batch.request();
		};
		agent.on('update', onMarkers);
		this.#unsubscribe.push(() => agent.off('update', onMarkers));
		// The documents are already loaded from IndexedDB: show them now, not a frame later.
		this.#refresh();
	}

	/** Every contact, most recent message first. */
	get rows(): readonly ContactRow[] {
		return this.#rows;
	}

	/** The rows of the selected tab. */
	get visible(): readonly ContactRow[] {
		return this.#visible;
	}

	get tab(): InboxTab {
		return this.#tab;
	}

	set tab(tab: InboxTab) {
		this.#tab = tab;
	}

	get counts(): TabCounts {
		return this.#counts;
	}

	#refresh(): void {
		if (this.#dirty.size === 0 && !this.#markersDirty) return;
		for (const shard of this.#dirty) {
			const doc = this.#shards[shard];
			if (doc) this.#summaries[shard] = readContactSummaries(doc);
		}
		if (this.#markersDirty) {
			this.#markers = readMarkers(this.#agent);
			this.#markersDirty = false;
			// Any row's unread count may have moved; the documents need no re-reading for that.
			this.#summaries.forEach((_, shard) => this.#dirty.add(shard));
		}
		for (const shard of this.#dirty) {
			this.#shardRows[shard] = (this.#summaries[shard] ?? []).map((summary) => this.#withUnread(summary));
		}
		this.#dirty.clear();
		this.#rows = sortByRecent(this.#shardRows.flat()) as ContactRow[];
	}

	#withUnread(summary: ContactSummary): ContactRow {
		return Object.freeze({ ...summary, unread: unreadCount(summary, this.#markers.get(summary.id) ?? 0) });
	}

	#context() {
		return { me: this.#userId, now: this.#time, markers: this.#markers };
	}

	#countTabs(rows: readonly ContactRow[]): TabCounts {
		const context = this.#context();
		const counts = {} as TabCounts;
		for (const tab of INBOX_TABS) counts[tab] = indicatorState(rows, tabFilter(tab), context);
		return counts;
	}

	destroy(): void {
		clearInterval(this.#clock);
		this.#batch.stop();
		for (const off of this.#unsubscribe) off();
	}
}
