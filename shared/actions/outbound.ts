import { z } from 'zod';
import { contactMaps, deliveryKey, readDelivery, type DeliveryStatus } from '../doc/contact-doc.ts';
import { compareLast, lastMessageOf, parseLast } from '../doc/index-doc.ts';
import { writeMax } from '../doc/registers.ts';
import {
	attachmentSchema,
	deliveryRecordSchema,
	deliveryStateSchema,
	idSchema,
	messageSchema,
	senderKindSchema,
	type Actor,
	type ActorKind,
	type Message,
	type SenderKind
} from '../schemas/index.ts';
import { ActionInputError } from './errors.ts';
import { checkRecord, parseActor, parseInput } from './input.ts';
import { defaultEnv, type ActionEnv, type ContactDocs, type ConversationDocs } from './types.ts';
import { requireContact, transactAs } from './write.ts';

// Sending is local-first: the message is written at once with delivery `queued`, attempt 1,
// and the server's delivery worker picks it up when the document reaches it. The client makes
// the id, so a send retried after a lost acknowledgement stays one message.

export const sendMessageInputSchema = z
	.object({
		contactId: idSchema,
		messageId: idSchema,
		text: z.string().max(20_000),
		attachments: z.array(attachmentSchema).max(20).default([]),
		sender: z.object({ kind: senderKindSchema, id: z.string().max(64).nullable() }).optional()
	})
	.refine((input) => input.text.trim().length > 0 || input.attachments.length > 0, 'a message needs text or a file');
export type SendMessageInput = z.input<typeof sendMessageInputSchema>;

/** Who the history says sent it, when the caller does not say: system work reads as automation. */
const SENDER_OF: Record<ActorKind, SenderKind> = {
	user: 'user',
	automation: 'automation',
	bot: 'bot',
	api: 'api',
	system: 'automation'
};

export interface SendMessageResult {
	message: Message;
	/** False when a message with this id was already in the document (a retry). */
	created: boolean;
}

/**
 * Writes the outgoing message, its `queued` delivery state, and the contact's `last` (a max
 * register: a reply queued offline at 10:00 does not replace an inbound message of 10:05 that
 * this replica has already seen, nor one it sees later). No event: the message is its own entry.
 */
export function sendMessage(
	docs: ContactDocs,
	input: SendMessageInput,
	actor: Actor,
	env: ActionEnv = defaultEnv
): SendMessageResult {
	const who = parseActor('sendMessage', actor);
	const { contactId, messageId, text, attachments, sender } = parseInput('sendMessage', sendMessageInputSchema, input);
	const maps = requireContact('sendMessage', docs.index, contactId);
	const contact = contactMaps(docs.contact);
	const existing = messageSchema.safeParse(contact.messages.get(messageId));
	if (existing.success) return { message: existing.data, created: false };
	const at = env.now();
	const message = checkRecord(
		'sendMessage',
		messageSchema,
		{
			id: messageId,
			contactId,
			direction: 'out',
			text,
			at,
			sender: sender ?? { kind: SENDER_OF[who.kind], id: who.id },
			providerMessageId: null,
			attachments
		},
		'message'
	);
	const queued = checkRecord('sendMessage', deliveryRecordSchema, { state: 'queued', at, error: null }, 'delivery');
	transactAs(docs.index, 'sendMessage', who, () =>
		writeMax(maps.last, contactId, docs.index, lastMessageOf(message), compareLast, parseLast)
	);
	transactAs(docs.contact, 'sendMessage', who, () => {
		contact.messages.set(messageId, message);
		contact.delivery.set(deliveryKey(messageId, 1, 'queued'), queued);
	});
	return { message, created: true };
}

export const setDeliveryStatusInputSchema = z.object({
	contactId: idSchema,
	messageId: idSchema,
	attempt: z.number().int().min(1).max(1000),
	state: deliveryStateSchema,
	error: z.string().max(500).nullable().default(null)
});
export type SetDeliveryStatusInput = z.input<typeof setDeliveryStatusInputSchema>;

/**
 * Records one delivery report as the key `{messageId}|{attempt}|{state}`. States accumulate and
 * the status read is the best state of the latest attempt, so reports arriving out of order
 * (or on two replicas) never move a message backwards. A repeated report keeps the first time.
 * Returns the message's status after the write.
 */
export function setDeliveryStatus(
	docs: ConversationDocs,
	input: SetDeliveryStatusInput,
	actor: Actor,
	env: ActionEnv = defaultEnv
): DeliveryStatus | null {
	const who = parseActor('setDeliveryStatus', actor);
	const { contactId, messageId, attempt, state, error } = parseInput('setDeliveryStatus', setDeliveryStatusInputSchema, input);
	const contact = contactMaps(docs.contact);
	const message = messageSchema.safeParse(contact.messages.get(messageId));
	if (!message.success || message.data.direction !== 'out' || message.data.contactId !== contactId) {
		throw new ActionInputError('setDeliveryStatus', `no outgoing message ${messageId}`);
	}
	const key = deliveryKey(messageId, attempt, state);
	if (!contact.delivery.has(key)) {
		const record = checkRecord('setDeliveryStatus', deliveryRecordSchema, { state, at: env.now(), error }, 'delivery');
		transactAs(docs.contact, 'setDeliveryStatus', who, () => contact.delivery.set(key, record));
	}
	return readDelivery(docs.contact, messageId);
}
