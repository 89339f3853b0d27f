import { z } from 'zod';
import { idSchema, timestampSchema } from './ids.ts';
import { actorSchema } from './actor.ts';

/** Conversation events, shown inline in the history and in the Activity tab. */
export const eventTypeSchema = z.enum([
	'contact_created',
	'assigned',
	'unassigned',
	'marked_done',
	'marked_pending',
	'snoozed',
	'unsnoozed',
	'tag_added',
	'tag_removed',
	'profile_updated',
	'broadcast_sent',
	'survey_started',
	'survey_canceled',
	'survey_completed',
	'survey_failed',
	'bot_status_on',
	'bot_status_off',
	'page_change'
]);
export type EventType = z.infer<typeof eventTypeSchema>;

export const eventSchema = z.object({
	id: idSchema,
	contactId: idSchema,
	type: eventTypeSchema,
	actor: actorSchema,
	at: timestampSchema,
	/** Type-specific details: assignee, tag, field and value, snooze time, page URL … */
	data: z.record(z.string(), z.union([z.string().max(2048), z.number(), z.boolean(), z.null()]))
});
export type ConversationEvent = z.infer<typeof eventSchema>;

export const commentSchema = z.object({
	id: idSchema,
	contactId: idSchema,
	authorId: idSchema,
	text: z.string().min(1).max(10_000),
	mentions: z.array(idSchema).max(50),
	at: timestampSchema
});
export type Comment = z.infer<typeof commentSchema>;
