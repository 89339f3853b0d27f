import { predefinedFilter, type PredefinedSegmentId } from '$shared/query/index.ts';
import type { SegmentFilter } from '$shared/schemas/index.ts';

// The list's tabs are three of the predefined segments in shared/query, so the counts and rows
// here match every other list (and the API) exactly.

export const INBOX_TABS = ['new', 'mine', 'all'] as const satisfies readonly PredefinedSegmentId[];
export type InboxTab = (typeof INBOX_TABS)[number];

export function tabFilter(tab: InboxTab): SegmentFilter {
	return predefinedFilter(tab);
}
