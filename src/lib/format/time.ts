import { dateFormat } from './date-format.ts';

// The list shows when the last message came: the time today, the weekday this week, else the date.

const DAY = 24 * 60 * 60 * 1000;

export function formatListTime(at: number, now: number, locale?: string): string {
	const date = new Date(at);
	const today = new Date(now);
	today.setHours(0, 0, 0, 0);
	const start = today.getTime();
	if (at >= start && at < start + DAY) {
		return dateFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(date);
	}
	if (at >= start - DAY && at < start) return 'Yesterday';
	if (at >= start - 6 * DAY && at < start) return dateFormat(locale, { weekday: 'short' }).format(date);
	const sameYear = date.getFullYear() === today.getFullYear();
	return dateFormat(locale, sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' }).format(date);
}

/** Full date and time for a tooltip. */
export function formatFullTime(at: number, locale?: string): string {
	return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}
