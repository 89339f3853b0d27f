import { z } from 'zod';
import { contactMaps } from '../doc/contact-doc.ts';
import { indexMaps } from '../doc/index-doc.ts';
import { channelTypeSchema, idSchema, timestampSchema, type Actor, type ConversationEvent } from '../schemas/index.ts';
import { ActionInputError } from './errors.ts';
import { parseActor, parseInput } from './input.ts';
import { defaultEnv, type ActionEnv, type ContactDocs } from './types.ts';
import { appendEvent, buildEvent, transactAs } from './write.ts';

export const createContactInputSchema = z.object({
	contactId: idSchema,
	channel: channelTypeSchema,
	name: z.string().max(200),
	phone: z.string().max(64).nullable().optional(),
	email: z.string().max(254).nullable().optional(),
	avatarUrl: z.string().max(2048).nullable().optional(),
	createdAt: timestampSchema.optional()
});
export type CreateContactInput = z.input<typeof createContactInputSchema>;

/**
 * A new contact: its list row (status open; no assignee or snooze key, so nothing can later
 * overwrite a concurrent assignment with a stale null), its profile and the created event.
 * The row's `channel` key is what makes the contact exist for readers and other actions.
 */
export function createContact(
	docs: ContactDocs,
	input: CreateContactInput,
	actor: Actor,
	env: ActionEnv = defaultEnv
): ConversationEvent {
	const who = parseActor('createContact', actor);
	const { contactId, channel, name, phone = null, email = null, avatarUrl = null, ...rest } = parseInput(
		'createContact',
		createContactInputSchema,
		input
	);
	const maps = indexMaps(docs.index);
	if (maps.channel.has(contactId)) throw new ActionInputError('createContact', `contact ${contactId} exists`);
	const event = buildEvent('createContact', env, contactId, 'contact_created', who, { channel, name });
	const createdAt = rest.createdAt ?? event.at;
	transactAs(docs.index, 'createContact', who, () => {
		// A missing key reads as null: at 50,000 contacts, explicit nulls would cost a key each.
		maps.name.set(contactId, name);
		if (phone !== null) maps.phone.set(contactId, phone);
		if (email !== null) maps.email.set(contactId, email);
		if (avatarUrl !== null) maps.avatarUrl.set(contactId, avatarUrl);
		maps.createdAt.set(contactId, createdAt);
		maps.status.set(contactId, 'open');
		maps.channel.set(contactId, channel);
	});
	transactAs(docs.contact, 'createContact', who, () => {
		const profile = contactMaps(docs.contact).profile;
		profile.set('name', name);
		if (phone !== null) profile.set('phone', phone);
		if (email !== null) profile.set('email', email);
		if (avatarUrl !== null) profile.set('avatarUrl', avatarUrl);
		appendEvent(docs.contact, event);
	});
	return event;
}
