import { z } from 'zod';
import { idSchema, timestampSchema, type Actor, type ConversationEvent } from '../schemas/index.ts';
import { ActionInputError } from './errors.ts';
import { parseActor, parseInput } from './input.ts';
import { contactRefInputSchema, type ContactRefInput } from './triage.ts';
import { defaultEnv, type ActionEnv, type ContactDocs } from './types.ts';
import { writeTriage } from './write.ts';

// Snooze stores only the wake-up time: a contact is snoozed while `snoozedUntil > now`, so it
// comes back on every replica at the same moment with no job having to write anything
// (shared/query/snooze.ts). `unsnoozeContact` is for an agent waking it early, or for a job
// that wants the "unsnoozed" event in the history.

export const snoozeContactInputSchema = z.object({ contactId: idSchema, until: timestampSchema });
export type SnoozeContactInput = z.input<typeof snoozeContactInputSchema>;

/** Event data: `{ until }`. A time not after `env.now()` would snooze nothing, so it is refused. */
export function snoozeContact(
	docs: ContactDocs,
	input: SnoozeContactInput,
	actor: Actor,
	env: ActionEnv = defaultEnv
): ConversationEvent {
	const who = parseActor('snoozeContact', actor);
	const { contactId, until } = parseInput('snoozeContact', snoozeContactInputSchema, input);
	if (until <= env.now()) throw new ActionInputError('snoozeContact', 'until must be in the future');
	return writeTriage(
		docs,
		'snoozeContact',
		who,
		env,
		contactId,
		'snoozed',
		() => ({ until }),
		(maps) => maps.snoozedUntil.set(contactId, until)
	);
}

export function unsnoozeContact(
	docs: ContactDocs,
	input: ContactRefInput,
	actor: Actor,
	env: ActionEnv = defaultEnv
): ConversationEvent {
	const who = parseActor('unsnoozeContact', actor);
	const { contactId } = parseInput('unsnoozeContact', contactRefInputSchema, input);
	return writeTriage(
		docs,
		'unsnoozeContact',
		who,
		env,
		contactId,
		'unsnoozed',
		() => ({}),
		(maps) => maps.snoozedUntil.set(contactId, null)
	);
}
