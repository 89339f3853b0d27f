import { z } from 'zod';
import { contactMaps } from '../doc/contact-doc.ts';
import { commentSchema, idSchema, type Actor, type Comment } from '../schemas/index.ts';
import { checkRecord, parseActor, parseInput } from './input.ts';
import { defaultEnv, type ActionEnv, type ConversationDocs } from './types.ts';
import { transactAs } from './write.ts';

// Comments are internal notes: their own records in the contact document, no event (the
// comment is the history entry). A client may pick the id, so a retry after a lost
// acknowledgement finds its comment already there instead of adding a second one.

export const addCommentInputSchema = z.object({
	contactId: idSchema,
	commentId: idSchema.optional(),
	text: z.string().min(1).max(10_000),
	mentions: z.array(idSchema).max(50).default([])
});
export type AddCommentInput = z.input<typeof addCommentInputSchema>;

export interface AddCommentResult {
	comment: Comment;
	/** False when a comment with this id was already in the document (a retry). */
	created: boolean;
}

/** The author is the actor; an actor whose id is not a valid id (e.g. too long) is refused. */
export function addComment(
	docs: ConversationDocs,
	input: AddCommentInput,
	actor: Actor,
	env: ActionEnv = defaultEnv
): AddCommentResult {
	const who = parseActor('addComment', actor);
	const { contactId, commentId, text, mentions } = parseInput('addComment', addCommentInputSchema, input);
	const comments = contactMaps(docs.contact).comments;
	const id = commentId ?? env.newId();
	const existing = commentSchema.safeParse(comments.get(id));
	if (existing.success) return { comment: existing.data, created: false };
	const comment = checkRecord(
		'addComment',
		commentSchema,
		{ id, contactId, authorId: who.id, text, mentions: [...new Set(mentions)], at: env.now() },
		'comment'
	);
	transactAs(docs.contact, 'addComment', who, () => comments.set(id, comment));
	return { comment, created: true };
}
