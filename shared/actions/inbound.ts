import { z } from 'zod';
import { contactMaps } from '../doc/contact-doc.ts';
import { compareLast, lastMessageOf, parseLast } from '../doc/index-doc.ts';
import { incrementCounter, writeMax } from '../doc/registers.ts';
import {
	attachmentSchema,
	idSchema,
	messageSchema,
	systemActor,
	timestampSchema,
	type Actor,
	type ConversationEvent,
	type Message
} from '../schemas/index.ts';
import { checkRecord, parseActor, parseInput } from './input.ts';
import { inboundMessageId } from './provider-id.ts';
import { defaultEnv, type ActionEnv, type ContactDocs } from './types.ts';
import { appendEvent, buildEvent, requireContact, transactAs } from './write.ts';

export const recordInboundMessageInputSchema = z.object({
	contactId: idSchema,
	providerMessageId: z.string().min(1).max(256),
	text: z.string().max(20_000),
	at: timestampSchema,
	attachments: z.array(attachmentSchema).max(20).default([])
});
export type RecordInboundMessageInput = z.input<typeof recordInboundMessageInputSchema>;

export interface RecordInboundResult {
	message: Message;
	/** False for a repeated delivery: nothing was written. */
	created: boolean;
	/** The `marked_pending` event when the message reopened a done contact. */
	reopened: ConversationEvent | null;
}

/**
 * A message from the contact, recorded by the server when the channel's webhook arrives.
 *
 * Idempotent per provider message id: the message key is derived from it, and the `incoming`
 * counter (a per-writer counter, summed on read) is incremented only when that key was not in
 * this replica's document before. A webhook delivered twice to the same server process
 * therefore counts once. Assumption: inbound messages are recorded only by the server, which
 * holds one in-memory copy of each document, so the check sees every earlier delivery. If two
 * replicas that have not synced yet (e.g. two server processes behind Redis, during a partition)
 * both record the same provider id, the message still converges to one record, but both
 * increments survive and the unread count is one too high until the contact is read.
 *
 * A done contact writing again needs an answer: it is reopened, and the history says so with a
 * `marked_pending` event by the system actor.
 */
export function recordInboundMessage(
	docs: ContactDocs,
	input: RecordInboundMessageInput,
	actor: Actor,
	env: ActionEnv = defaultEnv
): RecordInboundResult {
	const who = parseActor('recordInboundMessage', actor);
	const parsed = parseInput('recordInboundMessage', recordInboundMessageInputSchema, input);
	const { contactId, providerMessageId, text, at, attachments } = parsed;
	const maps = requireContact('recordInboundMessage', docs.index, contactId);
	const messages = contactMaps(docs.contact).messages;
	const id = inboundMessageId(providerMessageId);
	const message = checkRecord(
		'recordInboundMessage',
		messageSchema,
		{ id, contactId, direction: 'in', text, at, sender: { kind: 'contact', id: null }, providerMessageId, attachments },
		'message'
	);
	if (messages.has(id)) {
		// A repeat changes nothing, not even an invalid record under this key: readers report that.
		const existing = messageSchema.safeParse(messages.get(id));
		return { message: existing.success ? existing.data : message, created: false, reopened: null };
	}
	const reopened =
		maps.status.get(contactId) === 'done'
			? buildEvent('recordInboundMessage', env, contactId, 'marked_pending', systemActor, { reason: 'inbound', messageId: id })
			: null;
	transactAs(docs.index, 'recordInboundMessage', who, () => {
		incrementCounter(maps.incoming, contactId, docs.index);
		writeMax(maps.last, contactId, docs.index, lastMessageOf(message), compareLast, parseLast);
		if (reopened) maps.status.set(contactId, 'open');
	});
	transactAs(docs.contact, 'recordInboundMessage', who, () => {
		messages.set(id, message);
		if (reopened) appendEvent(docs.contact, reopened);
	});
	return { message, created: true, reopened };
}
