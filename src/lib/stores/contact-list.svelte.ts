import type * as Y from 'yjs';
import { SvelteMap } from 'svelte/reactivity';
import { shardOf } from '$shared/doc/index.ts';
import { filterContacts, listFilter, unreadCount } from '$shared/query/index.ts';
import type { ContactSummary, SegmentFilter } from '$shared/schemas/index.ts';
import { IndicatorCounter } from './contact-list-counts.ts';
import { ReadMarkers } from './contact-list-markers.ts';
import { patchSorted, sortAll, worthPatching } from './contact-list-order.ts';
import { ShardRows, type RowChange } from './contact-list-shards.ts';
import type { IndicatorCounts } from './contact-tabs.ts';
import { FrameBatch, type Scheduler } from './frame.ts';

// The contact list over the 64 index shards and the agent's read markers, built to stay fast
// with 50,000 contacts. Per frame, only the contacts whose keys changed are re-read
// (ShardRows), the sorted list is patched for them instead of sorted again, and New and Mine
// are counted by difference. Unread counts are not stored in the rows: reading a contact moves
// one marker (ReadMarkers) and re-sorts nothing; a row asks `unread(row)` when it renders.
// The clock the lists filter by moves only when a snooze ends, so between those moments a
// row's membership depends on the row alone and counting by difference stays exact.

/** A row of the list: the index's summary of one contact. */
export type ContactRow = ContactSummary;

export interface ContactListOptions {
	schedule?: Scheduler;
	now?: () => number;
	/**
	 * Rows to show while the shards are still loading (rows-snapshot.ts), per shard, and per
	 * shard when it has loaded: then its document is read and only real differences change the list.
	 */
	initial?: { shards: readonly (readonly ContactSummary[])[]; loaded: readonly Promise<unknown>[] };
}

export class ContactListStore {
	readonly #userId: string;
	readonly #now: () => number;
	readonly #shards: ShardRows[];
	readonly #markers: ReadMarkers;
	readonly #counter: IndicatorCounter;
	readonly #batch: FrameBatch;
	#wake: ReturnType<typeof setTimeout> | null = null;
	#nextWake = Infinity;

	#rows = $state.raw<readonly ContactSummary[]>([]);
	/** Bumped when markers move: the marker map is updated in place, not copied. */
	#markerVersion = $state(0);
	#counts = $state.raw<IndicatorCounts>({ new: { count: 0, color: 'blue' }, mine: { count: 0, color: 'blue' } });
	/** The clock lists are filtered at. */
	#time = $state(0);
	/** Per contact, so a view of one contact (a conversation header) reacts to that row only. */
	readonly #byId = new SvelteMap<string, ContactSummary>();

	constructor(shards: readonly Y.Doc[], agent: Y.Doc, userId: string, options: ContactListOptions = {}) {
		this.#userId = userId;
		this.#now = options.now ?? Date.now;
		this.#time = this.#now();
		this.#counter = new IndicatorCounter(userId);
		this.#batch = new FrameBatch(() => this.#refresh(), options.schedule);
		this.#shards = shards.map((doc) => new ShardRows(doc, () => this.#batch.request()));
		this.#markers = new ReadMarkers(agent, () => this.#batch.request());
		const initial = options.initial;
		if (initial) {
			this.#shards.forEach((shard, i) => {
				shard.seed(initial.shards[i] ?? []);
				void initial.loaded[i]?.then(() => shard.loaded());
			});
		}
		// The documents are already loaded from IndexedDB: show them now, not a frame later.
		this.#refresh();
	}

	/** Every contact (snoozed ones too), most recent message first. */
	get rows(): readonly ContactSummary[] {
		return this.#rows;
	}

	/** This agent's read markers by contact id. */
	get markers(): ReadonlyMap<string, number> {
		void this.#markerVersion;
		return this.#markers.values;
	}

	/** The time the lists are filtered at (it moves on when a snooze ends). */
	get time(): number {
		return this.#time;
	}

	/** New and Mine: how many contacts each lists, orange when any of them is unread. */
	get counts(): IndicatorCounts {
		return this.#counts;
	}

	/** One contact's row, reactive to that contact only. */
	row(contactId: string): ContactSummary | undefined {
		return this.#byId.get(contactId);
	}

	/**
	 * The same row without subscribing to it, for code that depends on `rows` already and may
	 * look up thousands (a reactive read creates a signal per contact).
	 */
	peek(contactId: string): ContactSummary | undefined {
		return this.#shards[shardOf(contactId)]?.get(contactId);
	}

	/** Incoming messages this agent has not read. */
	unread(row: ContactSummary): number {
		void this.#markerVersion;
		return unreadCount(row, this.#markers.get(row.id));
	}

	/**
	 * The rows a list with this filter shows (snoozed hidden unless it asks for them), newest
	 * first: `listContacts` of shared/query, on rows that are sorted already.
	 */
	view(filter: SegmentFilter): ContactSummary[] {
		return filterContacts(this.#rows, listFilter(filter), { me: this.#userId, now: this.#time });
	}

	#refresh(): void {
		const time = this.#time;
		const marker = (id: string) => this.#markers.get(id);
		// Markers first, against the rows as the counter last saw them.
		const markerChanges = this.#markers.pending ? this.#markers.refresh() : [];
		for (const { contactId, before } of markerChanges) {
			const row = this.#byId.get(contactId);
			if (!row) continue;
			this.#counter.remove(row, before, time);
			this.#counter.add(row, marker(contactId), time);
		}
		const changes: RowChange[] = [];
		for (const shard of this.#shards) {
			if (shard.pending) for (const change of shard.refresh()) changes.push(change);
		}
		if (changes.length > 0) {
			const full = this.#rows.length === 0 || !worthPatching(this.#rows.length, changes.length);
			this.#rows = full ? sortAll(this.#shards.map((shard) => shard.rows)) : patchSorted(this.#rows, changes);
			for (const { before, after } of changes) {
				if (before) {
					this.#counter.remove(before, marker(before.id), time);
					if (!after) this.#byId.delete(before.id);
				}
				if (after) {
					this.#counter.add(after, marker(after.id), time);
					this.#byId.set(after.id, after);
					if (after.snoozedUntil !== null && after.snoozedUntil > time && after.snoozedUntil < this.#nextWake) {
						this.#scheduleWake(after.snoozedUntil);
					}
				}
			}
		}
		if (markerChanges.length > 0) this.#markerVersion++;
		if (markerChanges.length > 0 || changes.length > 0) this.#counts = this.#counter.snapshot();
	}

	/** At `at` (a snooze ends), the clock moves on and everything time-dependent is recounted. */
	#scheduleWake(at: number): void {
		if (this.#wake !== null) clearTimeout(this.#wake);
		this.#nextWake = at;
		// setTimeout holds at most ~24.8 days; a longer snooze is looked at again then.
		const delay = Math.min(Math.max(0, at - this.#now()) + 1, 2 ** 31 - 1);
		this.#wake = setTimeout(() => this.#tick(), delay);
	}

	#tick(): void {
		this.#wake = null;
		this.#nextWake = Infinity;
		const now = this.#now();
		this.#time = now;
		this.#counter.reset(this.#rows, (id) => this.#markers.get(id), now);
		this.#counts = this.#counter.snapshot();
		let next = Infinity;
		for (const row of this.#rows) {
			const until = row.snoozedUntil;
			if (until !== null && until > now && until < next) next = until;
		}
		if (next !== Infinity) this.#scheduleWake(next);
	}

	destroy(): void {
		if (this.#wake !== null) clearTimeout(this.#wake);
		this.#batch.stop();
		this.#markers.destroy();
		for (const shard of this.#shards) shard.destroy();
	}
}
