// Times in a conversation. The spec: within the last hour "N minutes ago", otherwise the date
// and time. Day headings split a long history the way chat apps do.

import { dateFormat } from './date-format.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function formatMessageTime(at: number, now: number, locale?: string): string {
	const age = now - at;
	// A clock a little ahead on the sender's device must not read "in 2 minutes".
	if (age < MINUTE) return 'just now';
	if (age < HOUR) {
		const minutes = Math.floor(age / MINUTE);
		return minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`;
	}
	const date = new Date(at);
	const sameYear = date.getFullYear() === new Date(now).getFullYear();
	return dateFormat(locale, {
		day: 'numeric',
		month: 'short',
		...(sameYear ? {} : { year: 'numeric' }),
		hour: '2-digit',
		minute: '2-digit'
	}).format(date);
}

const startOfDay = (at: number) => {
	const date = new Date(at);
	date.setHours(0, 0, 0, 0);
	return date.getTime();
};

/** True when two times fall on different local days. */
export function isOtherDay(a: number, b: number): boolean {
	return startOfDay(a) !== startOfDay(b);
}

/** "Today", "Yesterday", or the full date. */
export function formatDayHeading(at: number, now: number, locale?: string): string {
	const day = startOfDay(at);
	const today = startOfDay(now);
	if (day === today) return 'Today';
	// Days around a DST change are 23 or 25 hours long: compare calendar days, not 24 h steps.
	if (day === startOfDay(today - DAY / 2)) return 'Yesterday';
	const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear();
	return dateFormat(locale, {
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		...(sameYear ? {} : { year: 'numeric' })
	}).format(at);
}

/** A wake-up time: "today 15:30", "tomorrow 09:00", or the date and time. */
export function formatWakeTime(at: number, now: number, locale?: string): string {
	const time = dateFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(at);
	const day = startOfDay(at);
	const today = startOfDay(now);
	if (day === today) return `today ${time}`;
	if (day === startOfDay(today + DAY + DAY / 2)) return `tomorrow ${time}`;
	return dateFormat(locale, {
		weekday: 'short',
		day: 'numeric',
		month: 'short',
		hour: '2-digit',
		minute: '2-digit'
	}).format(at);
}
