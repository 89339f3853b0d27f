import { z } from 'zod';
import { directionSchema } from './contact.ts';
import { idSchema, timestampSchema } from './ids.ts';
import { attachmentSchema } from './message.ts';

// The web chat visitor's wire format (docs/channels.md, "Web chat"). A visitor never opens a
// document: the server projects their own conversation's messages into these records and
// nothing else — no comments, no events, no other contact, no workspace data but its name.

/** Longest message a visitor may write (agents' replies may be longer). */
export const VISITOR_TEXT_LIMIT = 4000;
/** Files on one visitor message. */
export const VISITOR_FILES_LIMIT = 10;
/** Path of the visitor's websocket. */
export const WEBCHAT_SOCKET_PATH = '/api/webchat/socket';

export const webchatInfoSchema = z.object({ workspace: z.object({ name: z.string() }) });
export type WebchatInfo = z.infer<typeof webchatInfoSchema>;

/** Body of `POST /api/webchat/workspaces/{wid}/visitors`: who the visitor says they are. */
export const visitorStartSchema = z.object({
	name: z.string().trim().min(1, 'tell us your name').max(100),
	email: z
		.union([z.literal(''), z.email('that does not look like an email address').max(254)])
		.optional()
		.transform((value) => value || undefined)
});
export type VisitorStart = z.input<typeof visitorStartSchema>;

export const visitorProfileSchema = z.object({ id: idSchema, name: z.string(), email: z.string().nullable() });
export type VisitorProfile = z.infer<typeof visitorProfileSchema>;

/** Answer of the start: the bearer token the visitor's page keeps (localStorage), and who it is. */
export const visitorSessionSchema = z.object({ token: z.string(), visitor: visitorProfileSchema });
export type VisitorSession = z.infer<typeof visitorSessionSchema>;

/** A file as the visitor sees it: links signed for them, valid for some hours. */
export const visitorAttachmentSchema = attachmentSchema.extend({
	url: z.string().nullable(),
	thumbnailUrl: z.string().nullable()
});
export type VisitorAttachment = z.infer<typeof visitorAttachmentSchema>;

export const visitorMessageSchema = z.object({
	id: idSchema,
	/** `in`: the visitor wrote it; `out`: the team answered. */
	direction: directionSchema,
	text: z.string(),
	attachments: z.array(visitorAttachmentSchema),
	at: timestampSchema,
	/** Who answered (an agent's name, or the workspace's for automated messages); null for `in`. */
	author: z.string().nullable(),
	/** The id the visitor's page gave its own message, so it can replace its pending copy. */
	clientId: z.string().nullable()
});
export type VisitorMessage = z.infer<typeof visitorMessageSchema>;

const clientIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'client ids are 8-64 letters, digits, _ or -');
const pageSchema = z.object({ url: z.string().max(2048), title: z.string().max(300).optional() });
export type VisitorPage = z.infer<typeof pageSchema>;

/** Frames the visitor's page sends. The first must be `hello`. */
export const visitorFrameSchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('hello'), token: z.string().max(512), page: pageSchema.optional() }),
	z.object({
		type: z.literal('send'),
		clientId: clientIdSchema,
		text: z.string().max(VISITOR_TEXT_LIMIT),
		files: z.array(z.string().max(128)).max(VISITOR_FILES_LIMIT).default([])
	}),
	z.object({ type: z.literal('page'), ...pageSchema.shape }),
	/** The page shows these agent messages (`read`), or has them (`read: false`). */
	z.object({ type: z.literal('seen'), ids: z.array(idSchema).max(500), read: z.boolean() })
]);
export type VisitorFrame = z.input<typeof visitorFrameSchema>;

export const webchatErrorCodeSchema = z.enum(['unauthorized', 'invalid_frame', 'rate_limited', 'send_failed', 'unavailable']);
export type WebchatErrorCode = z.infer<typeof webchatErrorCodeSchema>;

/** Frames the server sends. */
export const serverFrameSchema = z.discriminatedUnion('type', [
	z.object({
		type: z.literal('welcome'),
		visitor: visitorProfileSchema,
		workspace: z.object({ name: z.string() }),
		messages: z.array(visitorMessageSchema)
	}),
	z.object({ type: z.literal('message'), message: visitorMessageSchema }),
	z.object({ type: z.literal('error'), code: webchatErrorCodeSchema, message: z.string(), clientId: z.string().optional() })
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;

/** Messages between the widget script on the host page and the chat page in its iframe. */
export const widgetMessageSchema = z.discriminatedUnion('type', [
	/** Host → chat: the page the visitor is on (on load, and on every change of its URL). */
	z.object({ type: z.literal('switchboard:page'), url: z.string().max(2048), title: z.string().max(300).optional() }),
	/** Host → chat: the panel was opened or closed by the launcher. */
	z.object({ type: z.literal('switchboard:visible'), visible: z.boolean() }),
	/**
	 * Host → chat, answering its "ready": the visitor's session as the widget keeps it in the
	 * host site's own storage (null: none). Browsers keep storage from an iframe of another
	 * site away from it (third-party storage blocking), so the widget holds it for the chat.
	 */
	z.object({ type: z.literal('switchboard:session'), session: visitorSessionSchema.nullable() })
]);
export type WidgetMessage = z.infer<typeof widgetMessageSchema>;
