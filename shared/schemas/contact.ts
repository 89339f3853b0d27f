import { z } from 'zod';
import { idSchema, timestampSchema } from './ids.ts';

export const channelTypeSchema = z.enum(['whatsapp', 'messenger', 'instagram', 'telegram', 'sms', 'email', 'webchat']);
export type ChannelType = z.infer<typeof channelTypeSchema>;

/** Open means "pending": it needs an answer. Done contacts reopen when the contact writes again. */
export const contactStatusSchema = z.enum(['open', 'done']);
export type ContactStatus = z.infer<typeof contactStatusSchema>;

export const directionSchema = z.enum(['in', 'out']);
export type Direction = z.infer<typeof directionSchema>;

/** The list's view of a contact's latest message: enough to render and sort a row. */
export const lastMessageSchema = z.object({
	messageId: idSchema,
	at: timestampSchema,
	direction: directionSchema,
	text: z.string().max(200)
});
export type LastMessage = z.infer<typeof lastMessageSchema>;

/** A contact list row, assembled from the index shard's per-field maps. */
export const contactSummarySchema = z.object({
	id: idSchema,
	name: z.string().max(200),
	channel: channelTypeSchema,
	phone: z.string().max(64).nullable(),
	email: z.string().max(254).nullable(),
	avatarUrl: z.string().max(2048).nullable(),
	createdAt: timestampSchema,
	status: contactStatusSchema,
	assignee: idSchema.nullable(),
	snoozedUntil: timestampSchema.nullable(),
	tags: z.array(z.string()),
	last: lastMessageSchema.nullable(),
	/** All incoming messages ever; unread = incoming − this agent's read marker. */
	incoming: z.number().int().nonnegative()
});
export type ContactSummary = z.infer<typeof contactSummarySchema>;

/**
 * Built-in profile fields; custom ones are keyed `custom:{fieldId}`. A template literal checks
 * only the id's pattern, not its refinements, so the reserved id is refused here again.
 */
export const profileFieldSchema = z
	.union([z.enum(['name', 'phone', 'email', 'avatarUrl']), z.templateLiteral(['custom:', idSchema])])
	.refine((field) => field !== 'custom:__proto__', 'reserved id');
export type ProfileField = z.infer<typeof profileFieldSchema>;

export const profileValueSchema = z.union([z.string().max(2000), z.number(), z.null()]);
export type ProfileValue = z.infer<typeof profileValueSchema>;

export const profileSchema = z.object({
	name: z.string().max(200),
	phone: z.string().max(64).nullable(),
	email: z.string().max(254).nullable(),
	avatarUrl: z.string().max(2048).nullable(),
	custom: z.record(z.string(), profileValueSchema)
});
export type Profile = z.infer<typeof profileSchema>;
