import type { ContactSummary, SegmentFilter } from '../schemas/index.ts';
import { matchesFilter, type QueryContext } from './filter.ts';
import { listFilter } from './segments.ts';

/**
 * Unread messages for one agent: incoming messages beyond the agent's read marker (the count
 * of incoming messages it had when it last read the contact). Never negative, even if a marker
 * from a replica that counted a duplicate delivery is ahead.
 */
export function unreadCount(row: Pick<ContactSummary, 'incoming'>, marker: number): number {
	return row.incoming > marker ? row.incoming - marker : 0;
}

export type IndicatorColor = 'orange' | 'blue';

/** A filter's notification indicator: how many contacts the list shows; orange if any is unread. */
export interface IndicatorState {
	count: number;
	color: IndicatorColor;
}

export interface IndicatorContext extends QueryContext {
	/** The agent's read markers by contact id (`readMarkers(agentDoc)`); missing = 0. */
	markers: ReadonlyMap<string, number>;
}

/** Counts exactly the rows `listContacts` would show for the same filter. */
export function indicatorState(
	rows: readonly ContactSummary[],
	filter: SegmentFilter,
	ctx: IndicatorContext
): IndicatorState {
	const effective = listFilter(filter);
	let count = 0;
	let unread = false;
	for (let i = 0; i < rows.length; i++) {
		const row = rows[i]!;
		if (!matchesFilter(row, effective, ctx)) continue;
		count++;
		if (!unread && row.incoming > (ctx.markers.get(row.id) ?? 0)) unread = true;
	}
	return { count, color: unread ? 'orange' : 'blue' };
}
