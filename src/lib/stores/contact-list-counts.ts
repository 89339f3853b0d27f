import { listFilter, matchesFilter, unreadCount } from '$shared/query/index.ts';
import type { ContactSummary, SegmentFilter } from '$shared/schemas/index.ts';
import { INDICATOR_FILTERS, indicatorFilter, type IndicatorCounts } from './contact-tabs.ts';

// New and Mine's indicators, kept by difference: a changed row takes its old contribution out
// and puts its new one in, so a message arriving in a 50,000-contact workspace does not cost
// two passes over every row. Each indicator counts its matching rows and, of those, the unread
// ones: `indicatorState` of shared/query (same filter, same `matchesFilter`) gives the same
// count, and orange exactly when the unread tally is above zero.

export class IndicatorCounter {
	readonly #me: string;
	readonly #filters: SegmentFilter[] = INDICATOR_FILTERS.map((id) => listFilter(indicatorFilter(id)));
	readonly #count = new Array<number>(INDICATOR_FILTERS.length).fill(0);
	readonly #unread = new Array<number>(INDICATOR_FILTERS.length).fill(0);

	constructor(me: string) {
		this.#me = me;
	}

	/** Counts from scratch (at start, and when the clock moves past a snooze). */
	reset(rows: Iterable<ContactSummary>, marker: (contactId: string) => number, now: number): void {
		this.#count.fill(0);
		this.#unread.fill(0);
		for (const row of rows) this.add(row, marker(row.id), now);
	}

	add(row: ContactSummary, marker: number, now: number): void {
		this.#apply(row, marker, now, 1);
	}

	remove(row: ContactSummary, marker: number, now: number): void {
		this.#apply(row, marker, now, -1);
	}

	#apply(row: ContactSummary, marker: number, now: number, sign: 1 | -1): void {
		const context = { me: this.#me, now };
		const unread = unreadCount(row, marker) > 0 ? sign : 0;
		for (let i = 0; i < this.#filters.length; i++) {
			if (!matchesFilter(row, this.#filters[i] as SegmentFilter, context)) continue;
			this.#count[i] = (this.#count[i] as number) + sign;
			this.#unread[i] = (this.#unread[i] as number) + unread;
		}
	}

	snapshot(): IndicatorCounts {
		const counts = {} as IndicatorCounts;
		INDICATOR_FILTERS.forEach((id, i) => {
			counts[id] = { count: this.#count[i] as number, color: (this.#unread[i] as number) > 0 ? 'orange' : 'blue' };
		});
		return counts;
	}
}
