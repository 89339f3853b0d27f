import { z } from 'zod';
import { contactMaps } from '../doc/contact-doc.ts';
import {
	idSchema,
	profileFieldSchema,
	profileValueSchema,
	type Actor,
	type ConversationEvent,
	type ProfileField,
	type ProfileValue
} from '../schemas/index.ts';
import { checkRecord, parseActor, parseInput } from './input.ts';
import { defaultEnv, type ActionEnv, type ContactDocs } from './types.ts';
import { appendEvent, buildEvent, requireContact, transactAs } from './write.ts';

// Profile fields are last-writer-wins per field: the contact document's `profile` map holds
// every field (custom ones as `custom:{fieldId}`), and the built-in ones the list renders are
// mirrored into the index row in the same action, so the two never disagree for long.

export const updateProfileFieldInputSchema = z.object({
	contactId: idSchema,
	field: profileFieldSchema,
	value: profileValueSchema
});
export type UpdateProfileFieldInput = z.input<typeof updateProfileFieldInputSchema>;

/** Per built-in field, the values the index row and `profileSchema` accept. */
const BUILT_IN_VALUES = {
	name: z.string().max(200),
	phone: z.string().max(64).nullable(),
	email: z.string().max(254).nullable(),
	avatarUrl: z.string().max(2048).nullable()
} as const;

const isBuiltIn = (field: ProfileField): field is keyof typeof BUILT_IN_VALUES => field in BUILT_IN_VALUES;

/** Event data: `{ field, value }`. */
export function updateProfileField(
	docs: ContactDocs,
	input: UpdateProfileFieldInput,
	actor: Actor,
	env: ActionEnv = defaultEnv
): ConversationEvent {
	const who = parseActor('updateProfileField', actor);
	const { contactId, field, value } = parseInput('updateProfileField', updateProfileFieldInputSchema, input);
	const checked: ProfileValue = isBuiltIn(field)
		? checkRecord('updateProfileField', BUILT_IN_VALUES[field], value, field)
		: value;
	const maps = requireContact('updateProfileField', docs.index, contactId);
	const event = buildEvent('updateProfileField', env, contactId, 'profile_updated', who, { field, value: checked });
	if (isBuiltIn(field)) transactAs(docs.index, 'updateProfileField', who, () => maps[field].set(contactId, checked));
	transactAs(docs.contact, 'updateProfileField', who, () => {
		contactMaps(docs.contact).profile.set(field, checked);
		appendEvent(docs.contact, event);
	});
	return event;
}
