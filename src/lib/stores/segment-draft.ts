import { segmentFilterSchema, type SegmentFilter } from '$shared/schemas/index.ts';
import { CHANNEL_LABELS } from '../format/channel.ts';

// Helpers for the filter a segment builder edits: the shape stays the shared schema's, with
// options left unset meaning "whatever" (shared/query/filter.ts), so a draft is always a
// filter the shared queries run as is.

const DAY = 24 * 60 * 60 * 1000;

/** The draft without options that constrain nothing (an empty channel list, an empty range). */
export function normalizeFilter(filter: SegmentFilter): SegmentFilter {
	const out: SegmentFilter = {};
	if (filter.channels && filter.channels.length > 0) out.channels = [...filter.channels].sort();
	if (filter.status) out.status = filter.status;
	if (filter.assignee) out.assignee = filter.assignee;
	if (filter.tags && filter.tags.keys.length > 0) out.tags = { match: filter.tags.match, keys: [...filter.tags.keys] };
	if (filter.lastDirection) out.lastDirection = filter.lastDirection;
	const range = filter.lastActivity;
	if (range && (range.from !== null || range.to !== null)) out.lastActivity = { from: range.from, to: range.to };
	if (filter.snoozed !== undefined) out.snoozed = filter.snoozed;
	return out;
}

export function isEmptyFilter(filter: SegmentFilter): boolean {
	return Object.keys(normalizeFilter(filter)).length === 0;
}

export function sameFilter(a: SegmentFilter, b: SegmentFilter): boolean {
	return JSON.stringify(normalizeFilter(a)) === JSON.stringify(normalizeFilter(b));
}

/** Null when the draft can be saved; else what is wrong with it, for the user. */
export function filterProblem(filter: SegmentFilter): string | null {
	const range = filter.lastActivity;
	if (range && range.from !== null && range.to !== null && range.from >= range.to) {
		return 'The last activity range ends before it starts.';
	}
	return segmentFilterSchema.safeParse(normalizeFilter(filter)).success ? null : 'Some filter options are not valid.';
}

export interface DescribeContext {
	memberName: (id: string) => string | undefined;
	tagLabel: (key: string) => string | undefined;
}

/** Short phrases naming what a filter keeps, e.g. "WhatsApp or Email", "Assigned to me". */
export function describeFilter(filter: SegmentFilter, context: DescribeContext): string[] {
	const parts: string[] = [];
	const f = normalizeFilter(filter);
	if (f.channels) parts.push(f.channels.map((channel) => CHANNEL_LABELS[channel]).join(' or '));
	if (f.status) parts.push(f.status === 'open' ? 'Pending' : 'Done');
	if (f.assignee) {
		const a = f.assignee;
		parts.push(
			a.kind === 'me'
				? 'Assigned to me'
				: a.kind === 'anyone'
					? 'Assigned'
					: a.kind === 'unassigned'
						? 'Unassigned'
						: `Assigned to ${context.memberName(a.userId) ?? 'a former member'}`
		);
	}
	if (f.tags) {
		const labels = f.tags.keys.map((key) => context.tagLabel(key) ?? key);
		parts.push(`Tagged ${labels.join(f.tags.match === 'all' ? ' and ' : ' or ')}`);
	}
	if (f.lastDirection) parts.push(f.lastDirection === 'in' ? 'Last message incoming' : 'Last message outgoing');
	if (f.lastActivity) {
		const { from, to } = f.lastActivity;
		const day = (at: number) => new Date(at).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
		if (from !== null && to !== null) parts.push(`Active ${day(from)} – ${day(to - 1)}`);
		else if (from !== null) parts.push(`Active since ${day(from)}`);
		else if (to !== null) parts.push(`Active before ${day(to)}`);
	}
	if (f.snoozed === true) parts.push('Snoozed');
	return parts;
}

/** `yyyy-mm-dd` of a local day, for a date input. */
export function dateInputValue(at: number | null): string {
	if (at === null) return '';
	const date = new Date(at);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Local midnight of a `yyyy-mm-dd` day; null for an empty or invalid input. */
export function dayStart(value: string): number | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return null;
	const at = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
	return Number.isFinite(at) ? at : null;
}

/** The exclusive end of a range whose last day is `value`: the next local midnight. */
export function dayEnd(value: string): number | null {
	const start = dayStart(value);
	if (start === null) return null;
	// Not start + 24 h: a day with a daylight-saving change is 23 or 25 hours long.
	const next = new Date(start + DAY + 3 * 60 * 60 * 1000);
	next.setHours(0, 0, 0, 0);
	return next.getTime();
}

/** The `yyyy-mm-dd` of the day `delta` days from the day `value` (calendar days, not 24 h). */
export function shiftDay(value: string, delta: number): string {
	const start = dayStart(value);
	if (start === null) return '';
	const date = new Date(start);
	date.setDate(date.getDate() + delta);
	return dateInputValue(date.getTime());
}

/** The `yyyy-mm-dd` of the last day of a range with exclusive end `to`. */
export function lastDayValue(to: number | null): string {
	return to === null ? '' : dateInputValue(to - 1);
}
