import type { ContactSummary, SegmentFilter } from '../schemas/index.ts';
import { filterContacts, type QueryContext } from './filter.ts';
import { listFilter } from './segments.ts';
import { sortByRecent } from './sort.ts';

/** What a contact list shows for a filter: matching rows (snoozed hidden unless asked), newest first. */
export function listContacts(
	rows: readonly ContactSummary[],
	filter: SegmentFilter,
	ctx: QueryContext
): ContactSummary[] {
	return sortByRecent(filterContacts(rows, listFilter(filter), ctx));
}
