import { z } from 'zod';
import { idSchema, type Actor, type ConversationEvent } from '../schemas/index.ts';
import { parseActor, parseInput } from './input.ts';
import { defaultEnv, type ActionEnv, type ContactDocs } from './types.ts';
import { writeTriage } from './write.ts';

// Assignment and status. Both are last-writer-wins fields of the index row (DESIGN.md): two
// agents assigning at once end with one assignee on every replica, and both events stay in the
// history. An action always appends its event, even when the field already had that value: the
// event records what the agent did, and a replica cannot know whether a concurrent change is
// on its way that makes this one matter.

export const contactRefInputSchema = z.object({ contactId: idSchema });
export type ContactRefInput = z.input<typeof contactRefInputSchema>;

export const assignContactInputSchema = z.object({ contactId: idSchema, assignee: idSchema });
export type AssignContactInput = z.input<typeof assignContactInputSchema>;

const currentAssignee = (value: unknown) => (typeof value === 'string' ? value : null);

/** Event data: `{ assignee, previous }` (previous as this replica saw it, or null). */
export function assignContact(
	docs: ContactDocs,
	input: AssignContactInput,
	actor: Actor,
	env: ActionEnv = defaultEnv
): ConversationEvent {
	const who = parseActor('assignContact', actor);
	const { contactId, assignee } = parseInput('assignContact', assignContactInputSchema, input);
	return writeTriage(
		docs,
		'assignContact',
		who,
		env,
		contactId,
		'assigned',
		(maps) => ({ assignee, previous: currentAssignee(maps.assignee.get(contactId)) }),
		(maps) => maps.assignee.set(contactId, assignee)
	);
}

/** Event data: `{ previous }`. The key is set to null, not deleted, so it is a plain LWW write. */
export function unassignContact(
	docs: ContactDocs,
	input: ContactRefInput,
	actor: Actor,
	env: ActionEnv = defaultEnv
): ConversationEvent {
	const who = parseActor('unassignContact', actor);
	const { contactId } = parseInput('unassignContact', contactRefInputSchema, input);
	return writeTriage(
		docs,
		'unassignContact',
		who,
		env,
		contactId,
		'unassigned',
		(maps) => ({ previous: currentAssignee(maps.assignee.get(contactId)) }),
		(maps) => maps.assignee.set(contactId, null)
	);
}

export function markDone(
	docs: ContactDocs,
	input: ContactRefInput,
	actor: Actor,
	env: ActionEnv = defaultEnv
): ConversationEvent {
	const who = parseActor('markDone', actor);
	const { contactId } = parseInput('markDone', contactRefInputSchema, input);
	return writeTriage(
		docs,
		'markDone',
		who,
		env,
		contactId,
		'marked_done',
		() => ({}),
		(maps) => maps.status.set(contactId, 'done')
	);
}

/** "Pending" is the product's word for open: the contact needs an answer. */
export function markPending(
	docs: ContactDocs,
	input: ContactRefInput,
	actor: Actor,
	env: ActionEnv = defaultEnv
): ConversationEvent {
	const who = parseActor('markPending', actor);
	const { contactId } = parseInput('markPending', contactRefInputSchema, input);
	return writeTriage(
		docs,
		'markPending',
		who,
		env,
		contactId,
		'marked_pending',
		() => ({}),
		(maps) => maps.status.set(contactId, 'open')
	);
}
