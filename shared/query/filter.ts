import type { ContactSummary, SegmentFilter } from '../schemas/index.ts';
import { isSnoozed } from './snooze.ts';
import { activityAt } from './sort.ts';

/** Who is looking and when: `me` resolves the "me" assignee, `now` decides who is snoozed. */
export interface QueryContext {
	me: string | null;
	now: number;
}

/**
 * Whether a row matches a segment filter, literally: a field left out does not constrain.
 * - `channels`: the row's channel is one of them (an empty list does not constrain).
 * - `status`: equal.
 * - `assignee`: `anyone` = assigned to some agent; `me` = to `ctx.me`; `unassigned` = to no
 *   one; `agent` = to that user.
 * - `tags`: `any` = the row has at least one of the keys; `all` = it has every key.
 * - `lastDirection`: the latest message went that way (a row with no message matches neither).
 * - `lastActivity`: activity (latest message, else creation) in [from, to); null = open end.
 * - `snoozed`: `isSnoozed(row, ctx.now)` equals it.
 * Lists apply `listFilter` first, which hides snoozed rows unless the filter asks for them.
 * Allocates nothing: it runs for every row of every list on every change.
 */
export function matchesFilter(row: ContactSummary, filter: SegmentFilter, ctx: QueryContext): boolean {
	if (filter.status !== undefined && row.status !== filter.status) return false;
	const channels = filter.channels;
	if (channels !== undefined && channels.length > 0 && !channels.includes(row.channel)) return false;
	const assignee = filter.assignee;
	if (assignee !== undefined) {
		if (assignee.kind === 'anyone' && row.assignee === null) return false;
		if (assignee.kind === 'unassigned' && row.assignee !== null) return false;
		if (assignee.kind === 'me' && (ctx.me === null || row.assignee !== ctx.me)) return false;
		if (assignee.kind === 'agent' && row.assignee !== assignee.userId) return false;
	}
	if (filter.snoozed !== undefined && isSnoozed(row, ctx.now) !== filter.snoozed) return false;
	if (filter.lastDirection !== undefined && (row.last === null || row.last.direction !== filter.lastDirection)) {
		return false;
	}
	const range = filter.lastActivity;
	if (range !== undefined) {
		const at = activityAt(row);
		if ((range.from !== null && at < range.from) || (range.to !== null && at >= range.to)) return false;
	}
	const tags = filter.tags;
	if (tags !== undefined) {
		if (tags.match === 'all') {
			for (const key of tags.keys) if (!row.tags.includes(key)) return false;
		} else {
			let any = false;
			for (const key of tags.keys) {
				if (row.tags.includes(key)) {
					any = true;
					break;
				}
			}
			if (!any) return false;
		}
	}
	return true;
}

/** The rows of a list that match, in input order. */
export function filterContacts(
	rows: readonly ContactSummary[],
	filter: SegmentFilter,
	ctx: QueryContext
): ContactSummary[] {
	const out: ContactSummary[] = [];
	for (let i = 0; i < rows.length; i++) {
		const row = rows[i]!;
		if (matchesFilter(row, filter, ctx)) out.push(row);
	}
	return out;
}
