import { z } from 'zod';
import { channelTypeSchema, type ChannelType } from './contact.ts';
import { idSchema, timestampSchema } from './ids.ts';
import { attachmentSchema, senderKindSchema } from './message.ts';

// The channel webhooks' wire format (docs/channels.md): what a provider POSTs to
// `/api/channels/{id}/inbound` and `/status`, what the server POSTs to a channel's outbound
// URL, and the owner's channel settings API. Browser-safe: the settings page parses with these.

export const CHANNEL_TYPE_LABELS: Record<ChannelType, string> = {
	whatsapp: 'WhatsApp',
	messenger: 'Messenger',
	instagram: 'Instagram',
	telegram: 'Telegram',
	sms: 'SMS',
	email: 'Email',
	webchat: 'Web chat'
};

/** Header carrying `sha256=<hex HMAC-SHA256 of the raw body, keyed with the channel secret>`. */
export const SIGNATURE_HEADER = 'x-switchboard-signature';
/** Header carrying the outbound delivery id, the same on every retry of one attempt. */
export const DELIVERY_HEADER = 'x-switchboard-delivery';

const textSchema = z.string().max(20_000);
const mimeSchema = z
	.string()
	.max(128)
	.regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i, 'must be a media type like image/png');

/** An attachment as a webhook may carry it: by URL or inline as base64 (one of the two). */
export const inboundAttachmentSchema = z
	.object({
		name: z.string().trim().min(1).max(255),
		mime: mimeSchema,
		size: z.number().int().nonnegative().optional(),
		url: z
			.url({ protocol: /^https?$/ })
			.max(2048)
			.optional(),
		data: z
			.string()
			.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')
			.optional()
	})
	.refine((a) => (a.url === undefined) !== (a.data === undefined), { message: 'give either url or data' });
export type InboundAttachment = z.infer<typeof inboundAttachmentSchema>;

/** Milliseconds since the epoch, or an ISO 8601 date-time with an offset. */
const sentAtSchema = z.union([timestampSchema, z.iso.datetime({ offset: true }).transform((text) => Date.parse(text))]);

/** Body of `POST /api/channels/{channelId}/inbound`. */
export const inboundMessageSchema = z
	.object({
		/** The provider's message id: a message delivered twice is recorded once. */
		messageId: z.string().min(1).max(256),
		sender: z.object({
			/** The sender's id at the provider (phone number, page-scoped id, chat id, address …). */
			id: z.string().min(1).max(256),
			name: z.string().trim().min(1).max(200),
			phone: z.string().trim().min(1).max(64).optional(),
			email: z.email().max(254).optional()
		}),
		text: textSchema.default(''),
		attachments: z.array(inboundAttachmentSchema).max(20).default([]),
		sentAt: sentAtSchema
	})
	.refine((m) => m.text.trim().length > 0 || m.attachments.length > 0, {
		message: 'a message needs text or attachments',
		path: ['text']
	});
export type InboundMessage = z.infer<typeof inboundMessageSchema>;
export type InboundMessageInput = z.input<typeof inboundMessageSchema>;

export const inboundResultSchema = z.object({
	contactId: idSchema,
	messageId: idSchema,
	/** True when this provider message id had been recorded before: nothing was written. */
	duplicate: z.boolean()
});
export type InboundResult = z.infer<typeof inboundResultSchema>;

/** Body of `POST /api/channels/{channelId}/status`: the provider's report on a delivery. */
export const deliveryReportSchema = z.object({
	deliveryId: z.string().min(1).max(128),
	status: z.enum(['delivered', 'read', 'failed']),
	error: z.string().max(500).optional()
});
export type DeliveryReport = z.infer<typeof deliveryReportSchema>;

/** What the server POSTs to a channel's outbound URL for a message an agent sent. */
export const outboundMessageSchema = z.object({
	deliveryId: z.string(),
	channel: z.object({ id: idSchema, type: channelTypeSchema }),
	recipient: z.object({
		/** The id the provider knows the contact by (the inbound `sender.id`). */
		id: z.string(),
		contactId: idSchema,
		name: z.string(),
		phone: z.string().nullable(),
		email: z.string().nullable()
	}),
	message: z.object({
		id: idSchema,
		text: textSchema,
		attachments: z.array(attachmentSchema),
		sentAt: timestampSchema,
		sender: z.object({ kind: senderKindSchema, name: z.string().nullable() })
	})
});
export type OutboundMessage = z.infer<typeof outboundMessageSchema>;

// Channel settings (owner role). Secrets and outbound URLs are server-only: they are never
// written to a document, and a secret is shown once, when it is made.

export const outboundUrlSchema = z
	.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' })
	.max(2048);

const channelNameSchema = z.string().trim().min(1, 'give the channel a name').max(100);
const windowHoursSchema = z.number().int().min(1).max(168);

export const channelCreateSchema = z.object({
	type: channelTypeSchema,
	name: channelNameSchema,
	outboundUrl: outboundUrlSchema.nullable().default(null),
	/** Messenger and Instagram only (default 24); WhatsApp is fixed at 24, the others have none. */
	replyWindowHours: windowHoursSchema.nullable().optional()
});
export type ChannelCreate = z.input<typeof channelCreateSchema>;
export type ChannelCreateBody = z.output<typeof channelCreateSchema>;

export const channelUpdateSchema = z.object({
	name: channelNameSchema.optional(),
	outboundUrl: outboundUrlSchema.nullable().optional(),
	replyWindowHours: windowHoursSchema.nullable().optional()
});
export type ChannelUpdate = z.input<typeof channelUpdateSchema>;

export const channelViewSchema = z.object({
	id: idSchema,
	type: channelTypeSchema,
	name: z.string(),
	replyWindowHours: z.number().int().positive().nullable(),
	outboundUrl: z.string().nullable(),
	/** Path of the inbound webhook, relative to the server's origin. */
	inboundPath: z.string(),
	statusPath: z.string(),
	/** False for a channel of the workspace document that has no server-side secret yet. */
	configured: z.boolean(),
	createdAt: timestampSchema.nullable()
});
export type ChannelView = z.infer<typeof channelViewSchema>;

export const channelListSchema = z.object({ channels: z.array(channelViewSchema) });

/** Answer of create and rotate: the only time the secret leaves the server. */
export const channelWithSecretSchema = z.object({ channel: channelViewSchema, secret: z.string() });
export type ChannelWithSecret = z.infer<typeof channelWithSecretSchema>;

/**
 * The reply window a channel type allows: WhatsApp's is fixed at 24 hours, Messenger's and
 * Instagram's configurable (24 unless given), other channels have none. Returns an error text
 * for a value the type does not accept.
 */
export function replyWindowFor(
	type: ChannelType,
	requested: number | null | undefined
): { hours: number | null } | { error: string } {
	if (type === 'whatsapp') {
		return requested === undefined || requested === 24 ? { hours: 24 } : { error: 'WhatsApp’s reply window is fixed at 24 hours' };
	}
	if (type === 'messenger' || type === 'instagram') {
		if (requested === null) return { error: `${CHANNEL_TYPE_LABELS[type]} needs a reply window (1–168 hours)` };
		return { hours: requested ?? 24 };
	}
	return requested === undefined || requested === null
		? { hours: null }
		: { error: `${CHANNEL_TYPE_LABELS[type]} has no reply window` };
}

/** Webhook channels post to an outbound URL; web chat answers visitors over its own connection. */
export const channelUsesOutboundUrl = (type: ChannelType) => type !== 'webchat';
