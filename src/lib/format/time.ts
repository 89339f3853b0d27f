// The list shows when the last message came: the time today, the weekday this week, else the date.

const DAY = 24 * 60 * 60 * 1000;

export function formatListTime(at: number, now: number, locale?: string): string {
	const date = new Date(at);
	const today = new Date(now);
	today.setHours(0, 0, 0, 0);
	const start = today.getTime();
	if (at >= start && at < start + DAY) {
		return date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
	}
	if (at >= start - DAY && at < start) return 'Yesterday';
	if (at >= start - 6 * DAY && at < start) return date.toLocaleDateString(locale, { weekday: 'short' });
	const sameYear = date.getFullYear() === today.getFullYear();
	return date.toLocaleDateString(locale, sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' });
}

/** Full date and time for a tooltip. */
export function formatFullTime(at: number, locale?: string): string {
	return new Date(at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}
