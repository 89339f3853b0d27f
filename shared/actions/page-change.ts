import { z } from 'zod';
import { readEvents } from '../doc/contact-doc.ts';
import { idSchema, type Actor, type ConversationEvent } from '../schemas/index.ts';
import { parseActor, parseInput } from './input.ts';
import { defaultEnv, type ActionEnv, type ContactDocs } from './types.ts';
import { appendEvent, buildEvent, requireContact, transactAs } from './write.ts';

// The web chat widget reports the page its visitor is on; agents see "Visitor moved to …" in
// the conversation. Only web addresses are recorded: the history turns them into links.

export const recordPageChangeInputSchema = z.object({
	contactId: idSchema,
	url: z
		.string()
		.max(2048)
		.refine((value) => {
			try {
				return ['http:', 'https:'].includes(new URL(value).protocol);
			} catch {
				return false;
			}
		}, 'must be an http:// or https:// URL'),
	title: z.string().trim().max(300).optional()
});
export type RecordPageChangeInput = z.input<typeof recordPageChangeInputSchema>;

/**
 * Appends a `page_change` event `{url, title?}` to the contact document (the index is only read,
 * to refuse an unknown contact). A report of the page the visitor is already on — the latest
 * page change has this URL (a reload, the widget loading again) — writes nothing and returns
 * null: the history lists moves, not page views.
 */
export function recordPageChange(
	docs: ContactDocs,
	input: RecordPageChangeInput,
	actor: Actor,
	env: ActionEnv = defaultEnv
): ConversationEvent | null {
	const who = parseActor('recordPageChange', actor);
	const { contactId, url, title } = parseInput('recordPageChange', recordPageChangeInputSchema, input);
	requireContact('recordPageChange', docs.index, contactId);
	const latest = readEvents(docs.contact)
		.filter((event) => event.type === 'page_change')
		.at(-1);
	if (latest?.data.url === url) return null;
	// Moves reported within one millisecond would otherwise sort by their random ids, and the
	// check above would compare with the wrong one: each move is stamped after the previous.
	const after = latest ? latest.at + 1 : 0;
	const ordered: ActionEnv = { ...env, now: () => Math.max(env.now(), after) };
	const event = buildEvent('recordPageChange', ordered, contactId, 'page_change', who, title ? { url, title } : { url });
	transactAs(docs.contact, 'recordPageChange', who, () => appendEvent(docs.contact, event));
	return event;
}
