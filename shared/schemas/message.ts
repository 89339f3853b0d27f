import { z } from 'zod';
import { idSchema, timestampSchema } from './ids.ts';
import { directionSchema } from './contact.ts';

/** Who sent a message from the platform side; the history shows it after the timestamp. */
export const senderKindSchema = z.enum([
	'contact',
	'user',
	'automation',
	'bot',
	'away',
	'greeting',
	'broadcast',
	'survey',
	'api'
]);
export type SenderKind = z.infer<typeof senderKindSchema>;

/**
 * A file on a message. `id` names the stored file (GET /api/files/{id}); `mime` is the type its
 * content was checked to be. `unavailable` says why an inbound file could not be stored (its
 * URL answered 404, it was too large, its content is not an accepted type): the message keeps
 * its description, and the card offers no download.
 */
export const attachmentSchema = z.object({
	id: z.string().min(1).max(128),
	name: z.string().max(255),
	mime: z.string().max(128),
	size: z.number().int().nonnegative(),
	unavailable: z.string().max(200).optional()
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const messageSchema = z.object({
	id: idSchema,
	contactId: idSchema,
	direction: directionSchema,
	text: z.string().max(20_000),
	at: timestampSchema,
	sender: z.object({ kind: senderKindSchema, id: z.string().max(64).nullable() }),
	/** The channel provider's id, so a webhook delivered twice records one message. */
	providerMessageId: z.string().max(256).nullable(),
	attachments: z.array(attachmentSchema).max(20)
});
export type Message = z.infer<typeof messageSchema>;

/** Ordered: a status only moves forward (failed may follow any state but read). */
export const deliveryStateSchema = z.enum(['queued', 'sent', 'delivered', 'read', 'failed']);
export type DeliveryState = z.infer<typeof deliveryStateSchema>;

export const deliveryRecordSchema = z.object({
	state: deliveryStateSchema,
	at: timestampSchema,
	error: z.string().max(500).nullable()
});
export type DeliveryRecord = z.infer<typeof deliveryRecordSchema>;
