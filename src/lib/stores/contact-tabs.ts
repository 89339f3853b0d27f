import { predefinedFilter, type IndicatorState, type PredefinedSegmentId } from '$shared/query/index.ts';
import type { SegmentFilter } from '$shared/schemas/index.ts';

// The two main filters of the list, New and Mine, carry notification indicators. They are
// predefined segments of shared/query, so their counts match their lists (and the API) exactly.

export const INDICATOR_FILTERS = ['new', 'mine'] as const satisfies readonly PredefinedSegmentId[];
export type IndicatorId = (typeof INDICATOR_FILTERS)[number];

/** Per filter: how many contacts it lists, and orange when any of them has unread messages. */
export type IndicatorCounts = Record<IndicatorId, IndicatorState>;

export function indicatorFilter(id: IndicatorId): SegmentFilter {
	return predefinedFilter(id);
}
