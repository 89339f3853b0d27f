import { z } from 'zod';
import { idSchema, timestampSchema } from './ids.ts';
import { channelTypeSchema } from './contact.ts';
import { segmentFilterSchema } from './segment.ts';

export const roleSchema = z.enum(['owner', 'agent']);
export type Role = z.infer<typeof roleSchema>;

export const memberSchema = z.object({
	id: idSchema,
	name: z.string().min(1).max(100),
	email: z.string().email().max(254),
	role: roleSchema,
	color: z.string().regex(/^#[0-9a-f]{6}$/i)
});
export type Member = z.infer<typeof memberSchema>;

/** Tags are keyed by their normalised name, so two agents creating "VIP" make one tag. */
export const tagSchema = z.object({
	key: z.string().min(1).max(64),
	label: z.string().min(1).max(64),
	color: z.string().regex(/^#[0-9a-f]{6}$/i),
	createdAt: timestampSchema
});
export type Tag = z.infer<typeof tagSchema>;

export const segmentSchema = z.object({
	id: idSchema,
	name: z.string().min(1).max(100),
	filter: segmentFilterSchema,
	createdBy: idSchema,
	createdAt: timestampSchema
});
export type Segment = z.infer<typeof segmentSchema>;

export const snippetSchema = z.object({
	id: idSchema,
	shortcut: z.string().regex(/^[a-z0-9_-]{1,32}$/),
	text: z.string().min(1).max(5000)
});
export type Snippet = z.infer<typeof snippetSchema>;

export const customFieldTypeSchema = z.enum(['text', 'number', 'date', 'choice']);
export const customFieldSchema = z.object({
	id: idSchema,
	label: z.string().min(1).max(100),
	type: customFieldTypeSchema,
	options: z.array(z.string().min(1).max(100)).max(100),
	position: z.number()
});
export type CustomField = z.infer<typeof customFieldSchema>;

/** A messaging channel of the workspace. Secrets stay on the server, never in a document. */
export const channelSchema = z.object({
	id: idSchema,
	type: channelTypeSchema,
	name: z.string().min(1).max(100),
	/** Hours after the contact's last message during which a reply may be sent; null = none. */
	replyWindowHours: z.number().int().positive().nullable()
});
export type Channel = z.infer<typeof channelSchema>;

export const workspaceMetaSchema = z.object({ name: z.string().min(1).max(100) });
export type WorkspaceMeta = z.infer<typeof workspaceMetaSchema>;
