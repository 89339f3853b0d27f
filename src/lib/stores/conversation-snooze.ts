// The snooze menu's choices, in the agent's local time: 1 hour, 3 hours, tomorrow 9:00, next
// week (Monday 9:00), or a chosen date and time from a `datetime-local` input.

export interface SnoozeChoice {
	id: 'hour' | 'three-hours' | 'tomorrow' | 'next-week';
	label: string;
	until: number;
}

const HOUR = 3_600_000;
const MORNING = 9;

function atMorning(date: Date, daysAhead: number): number {
	const day = new Date(date);
	day.setDate(day.getDate() + daysAhead);
	day.setHours(MORNING, 0, 0, 0);
	return day.getTime();
}

export function snoozeChoices(now: number): SnoozeChoice[] {
	const today = new Date(now);
	// getDay(): Sunday 0 … Saturday 6. "Next week" is the coming Monday, a full week on a Monday.
	const toMonday = ((8 - today.getDay()) % 7) || 7;
	return [
		{ id: 'hour', label: '1 hour', until: now + HOUR },
		{ id: 'three-hours', label: '3 hours', until: now + 3 * HOUR },
		{ id: 'tomorrow', label: 'Tomorrow 9:00', until: atMorning(today, 1) },
		{ id: 'next-week', label: 'Next week', until: atMorning(today, toMonday) }
	];
}

/**
 * A `datetime-local` value ("2025-03-04T09:30" or with seconds) as local time in ms, or null.
 * Parsed by hand: `Date.parse` of that shape is local time in browsers but not everywhere.
 */
export function parseLocalDateTime(value: string): number | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(value);
	if (!match) return null;
	const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as number[];
	const date = new Date(year!, month! - 1, day!, hour!, minute!, second!);
	// Reject rollovers such as 31 February.
	if (date.getMonth() !== month! - 1 || date.getDate() !== day!) return null;
	return date.getTime();
}

/** `now` as a `datetime-local` value with seconds, for the input's `min` and default. */
export function toLocalDateTime(at: number): string {
	const date = new Date(at);
	const pad = (n: number) => String(n).padStart(2, '0');
	return (
		`${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
		`T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
	);
}
