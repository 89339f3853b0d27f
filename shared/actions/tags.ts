import { z } from 'zod';
import { indexMaps, tagEntryKey } from '../doc/index-doc.ts';
import { shardOf } from '../doc/names.ts';
import { tagKeyOf, workspaceMaps } from '../doc/workspace-doc.ts';
import { idSchema, tagSchema, type Actor, type ConversationEvent } from '../schemas/index.ts';
import { checkRecord, parseActor, parseInput } from './input.ts';
import { defaultEnv, type ActionEnv, type ContactDocs, type TaggingDocs } from './types.ts';
import { appendEvent, buildEvent, requireContact, transactAs } from './write.ts';

// A contact's tags are keys `{cid}|{tagKey}` in the index shard's `tags` map: adding and
// removing merge per tag, and a concurrent add and remove of the same tag ends with the tag
// present (the remove deletes only the entry it saw; the add wrote a new one).

/** What a tag key may be: it becomes part of a map key, so no `|` and never `__proto__`. */
export const tagKeySchema = z
	.string()
	.min(1)
	.max(64)
	.refine((key) => !key.includes('|') && key !== '__proto__', 'invalid tag key');

export const addTagInputSchema = z.object({ contactId: idSchema, label: z.string().trim().min(1).max(64) });
export type AddTagInput = z.input<typeof addTagInputSchema>;

export const removeTagInputSchema = z.object({ contactId: idSchema, tagKey: tagKeySchema });
export type RemoveTagInput = z.input<typeof removeTagInputSchema>;

const TAG_COLORS = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];

/** The same key gets the same colour on every replica, so two agents creating it agree. */
export const tagColorOf = (key: string) => TAG_COLORS[shardOf(key) % TAG_COLORS.length] ?? '#4b5563';

/**
 * Adds the tag to the contact, creating it in the workspace catalogue the first time its key is
 * seen. Two agents creating "VIP" offline write the same key with equal contents but for the
 * time; one wins, and either is right. Event data: `{ tag, label }`.
 */
export function addTag(
	docs: TaggingDocs,
	input: AddTagInput,
	actor: Actor,
	env: ActionEnv = defaultEnv
): ConversationEvent {
	const who = parseActor('addTag', actor);
	const { contactId, label } = parseInput('addTag', addTagInputSchema, input);
	const key = checkRecord('addTag', tagKeySchema, tagKeyOf(label), 'tag key');
	const maps = requireContact('addTag', docs.index, contactId);
	const event = buildEvent('addTag', env, contactId, 'tag_added', who, { tag: key, label });
	const tags = workspaceMaps(docs.workspace).tags;
	if (!tags.has(key)) {
		const tag = checkRecord('addTag', tagSchema, { key, label, color: tagColorOf(key), createdAt: event.at }, 'tag');
		transactAs(docs.workspace, 'addTag', who, () => tags.set(key, tag));
	}
	transactAs(docs.index, 'addTag', who, () => maps.tags.set(tagEntryKey(contactId, key), true));
	transactAs(docs.contact, 'addTag', who, () => appendEvent(docs.contact, event));
	return event;
}

/** Event data: `{ tag }`. The catalogue keeps the tag: other contacts may carry it. */
export function removeTag(
	docs: ContactDocs,
	input: RemoveTagInput,
	actor: Actor,
	env: ActionEnv = defaultEnv
): ConversationEvent {
	const who = parseActor('removeTag', actor);
	const { contactId, tagKey } = parseInput('removeTag', removeTagInputSchema, input);
	requireContact('removeTag', docs.index, contactId);
	const event = buildEvent('removeTag', env, contactId, 'tag_removed', who, { tag: tagKey });
	transactAs(docs.index, 'removeTag', who, () => indexMaps(docs.index).tags.delete(tagEntryKey(contactId, tagKey)));
	transactAs(docs.contact, 'removeTag', who, () => appendEvent(docs.contact, event));
	return event;
}
