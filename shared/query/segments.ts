import type { SegmentFilter } from '../schemas/index.ts';

// The predefined segments, as plain filters, so every list (predefined or custom) goes
// through the one `matchesFilter`. Snoozed contacts leave every list until their time comes
// and are found only under Snoozed (spec: "temporarily exclude the Contact in the list").
//
// | segment    | status | assignee   | snoozed |
// | ---------- | ------ | ---------- | ------- |
// | New        | open   | unassigned | hidden  |
// | Mine       | open   | me         | hidden  |
// | Unassigned | any    | unassigned | hidden  |
// | All        | any    | any        | hidden  |
// | Done       | done   | any        | hidden  |
// | Snoozed    | any    | any        | only    |
//
// Mine is open contacts only: marking a contact done takes it off the agent's queue, so the
// Mine indicator counts work still to do (the spec's indicator is "contacts in New or Mine").

export const PREDEFINED_SEGMENT_IDS = ['new', 'mine', 'unassigned', 'all', 'done', 'snoozed'] as const;
export type PredefinedSegmentId = (typeof PREDEFINED_SEGMENT_IDS)[number];

export const PREDEFINED_SEGMENTS: Readonly<Record<PredefinedSegmentId, { name: string; filter: SegmentFilter }>> = {
	new: { name: 'New', filter: { status: 'open', assignee: { kind: 'unassigned' }, snoozed: false } },
	mine: { name: 'Mine', filter: { status: 'open', assignee: { kind: 'me' }, snoozed: false } },
	unassigned: { name: 'Unassigned', filter: { assignee: { kind: 'unassigned' }, snoozed: false } },
	all: { name: 'All', filter: { snoozed: false } },
	done: { name: 'Done', filter: { status: 'done', snoozed: false } },
	snoozed: { name: 'Snoozed', filter: { snoozed: true } }
};

export function predefinedFilter(id: PredefinedSegmentId): SegmentFilter {
	return PREDEFINED_SEGMENTS[id].filter;
}

/**
 * The filter a list applies: a custom segment that says nothing about snoozing hides snoozed
 * contacts, like every predefined list; one that sets `snoozed` gets exactly what it asks.
 */
export function listFilter(filter: SegmentFilter): SegmentFilter {
	return filter.snoozed === undefined ? { ...filter, snoozed: false } : filter;
}
