import type { ContactSummary } from '$shared/schemas/index.ts';

// Which contact documents to keep on this device for offline work (DESIGN.md: "recent and
// assigned ones prefetched"), and when one needs fetching again. Pure, so it is tested alone.

export interface PickOptions {
	/** The most recent conversations, whoever they belong to. */
	recent: number;
	/** Open contacts assigned to this agent, most recent first (Mine can be long in a big workspace). */
	assigned: number;
}

export const DEFAULT_PICK: PickOptions = { recent: 200, assigned: 300 };

/**
 * Contacts to prefetch, most important first: this agent's open assignments, then the most
 * recent conversations. `rows` must be sorted most recent first, as the contact list keeps them.
 */
export function pickContacts(rows: readonly ContactSummary[], me: string, options: PickOptions = DEFAULT_PICK): ContactSummary[] {
	const picked = new Map<string, ContactSummary>();
	for (const row of rows) {
		if (picked.size >= options.assigned) break;
		if (row.assignee === me && row.status === 'open') picked.set(row.id, row);
	}
	let recent = 0;
	for (const row of rows) {
		if (recent >= options.recent) break;
		recent++;
		if (!picked.has(row.id)) picked.set(row.id, row);
	}
	return [...picked.values()];
}

/**
 * What the index row says about the contact document: every message and every triage change
 * moves it. While it is unchanged since the document was last synced here, the stored copy is
 * current enough for offline work and is not fetched again. (Comments and profile edits do not
 * move the row; an open conversation syncs those live, and the next message refreshes the rest.)
 */
export function rowFingerprint(row: ContactSummary): string {
	const last = row.last;
	return [
		last ? `${last.messageId}@${last.at}` : '-',
		row.incoming,
		row.status,
		row.assignee ?? '-',
		row.snoozedUntil ?? '-',
		row.tags.join(',')
	].join('|');
}
