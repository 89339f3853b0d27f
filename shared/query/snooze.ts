import type { ContactSummary } from '../schemas/index.ts';

/**
 * Snoozed while the wake-up time is still ahead. Computed from the clock rather than stored,
 * so a contact returns to the lists at the same moment on every replica, offline too.
 */
export function isSnoozed(row: Pick<ContactSummary, 'snoozedUntil'>, now: number): boolean {
	return row.snoozedUntil !== null && row.snoozedUntil > now;
}
