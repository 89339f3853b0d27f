import { compareByRecent, sortByRecent } from '$shared/query/index.ts';
import type { ContactSummary } from '$shared/schemas/index.ts';
import type { RowChange } from './contact-list-shards.ts';

// The whole list in `compareByRecent` order, kept in order as rows change. A handful of
// changes (a message comes in, an agent assigns) is a binary search and a splice each on a
// copy; many changes at once are cheaper as one full sort (`sortByRecent` is a radix sort).

/** First position whose row sorts at or after `row`. */
export function lowerBound(sorted: readonly ContactSummary[], row: ContactSummary): number {
	let low = 0;
	let high = sorted.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (compareByRecent(sorted[mid] as ContactSummary, row) < 0) low = mid + 1;
		else high = mid;
	}
	return low;
}

/** Whether applying `changes` one by one costs less than sorting `size` rows again. */
export function worthPatching(size: number, changes: number): boolean {
	return changes <= 64 || changes * 40 < size;
}

/**
 * A new sorted array with `changes` applied; the input is left alone (views hold it). Every
 * `before` must be in `sorted` (the order is total, so its position is exact).
 */
export function patchSorted(sorted: readonly ContactSummary[], changes: readonly RowChange[]): ContactSummary[] {
	const next = sorted.slice();
	for (const { before } of changes) {
		if (!before) continue;
		const at = lowerBound(next, before);
		if (next[at] === before) next.splice(at, 1);
		else {
			// Not where the order says: a bug elsewhere. Stay correct, if slower.
			const found = next.indexOf(before);
			if (found !== -1) next.splice(found, 1);
		}
	}
	for (const { after } of changes) {
		if (after) next.splice(lowerBound(next, after), 0, after);
	}
	return next;
}

/** Every row of every shard, sorted from scratch. */
export function sortAll(shards: Iterable<Iterable<ContactSummary>>): ContactSummary[] {
	const all: ContactSummary[] = [];
	for (const rows of shards) for (const row of rows) all.push(row);
	return sortByRecent(all);
}
