// What a seed run made, counted as it goes: printed by the CLI, checked by the tests.

export interface SeedStats {
	contacts: number;
	messagesIn: number;
	messagesOut: number;
	assigned: number;
	done: number;
	/** Snoozed until a time after the seed's "now". */
	snoozedFuture: number;
	/** Snoozed until a time that has passed: back in the inbox without anyone acting. */
	snoozedExpired: number;
	/** Snoozes that ran out and were woken by the (simulated) server's expiry job. */
	snoozesWoken: number;
	tagged: number;
	comments: number;
	customFields: number;
	readMarkers: number;
}

export const emptyStats = (): SeedStats => ({
	contacts: 0,
	messagesIn: 0,
	messagesOut: 0,
	assigned: 0,
	done: 0,
	snoozedFuture: 0,
	snoozedExpired: 0,
	snoozesWoken: 0,
	tagged: 0,
	comments: 0,
	customFields: 0,
	readMarkers: 0
});

export function describeStats(stats: SeedStats): string {
	return (
		`${stats.contacts} contacts, ${stats.messagesIn + stats.messagesOut} messages (${stats.messagesIn} in, ` +
		`${stats.messagesOut} out), ${stats.assigned} assigned, ${stats.done} done, ` +
		`${stats.snoozedFuture + stats.snoozedExpired} snoozed (${stats.snoozedExpired} expired, ` +
		`${stats.snoozesWoken} more woken already), ${stats.tagged} tagged, ` +
		`${stats.comments} comments, ${stats.customFields} custom field values, ${stats.readMarkers} read markers`
	);
}
