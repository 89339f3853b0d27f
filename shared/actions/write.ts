import type * as Y from 'yjs';
import { contactMaps } from '../doc/contact-doc.ts';
import { indexMaps, type IndexMaps } from '../doc/index-doc.ts';
import { eventSchema, type Actor, type ConversationEvent, type EventType } from '../schemas/index.ts';
import { ActionInputError } from './errors.ts';
import { checkRecord } from './input.ts';
import { actionOrigin, type ActionEnv, type ContactDocs } from './types.ts';

// The few steps every action shares, so each action file reads as "what changes", and the
// rules (origin on every transaction, event validated before any write) live in one place.

export type EventData = ConversationEvent['data'];

/** One transaction on one document, tagged so persistence and views can tell who wrote it. */
export function transactAs(doc: Y.Doc, action: string, actor: Actor, write: () => void): void {
	doc.transact(write, actionOrigin(action, actor));
}

/** A validated event; built before the first write so a bad id or clock writes nothing. */
export function buildEvent(
	action: string,
	env: ActionEnv,
	contactId: string,
	type: EventType,
	actor: Actor,
	data: EventData
): ConversationEvent {
	const event = { id: env.newId(), contactId, type, actor, at: env.now(), data };
	return checkRecord(action, eventSchema, event, 'event');
}

export function appendEvent(contact: Y.Doc, event: ConversationEvent): void {
	contactMaps(contact).events.set(event.id, event);
}

/**
 * The index row exists once `createContact` wrote its channel. Acting on an unknown id would
 * leave orphan keys that no list shows, so it is refused instead.
 */
export function requireContact(action: string, index: Y.Doc, contactId: string): IndexMaps {
	const maps = indexMaps(index);
	if (!maps.channel.has(contactId)) throw new ActionInputError(action, `unknown contact ${contactId}`);
	return maps;
}

/**
 * The shape of every triage action: change the index row, append the event, one transaction
 * per document. Everything is validated before the first transaction, so neither write can
 * fail after the other has happened.
 */
export function writeTriage(
	docs: ContactDocs,
	action: string,
	actor: Actor,
	env: ActionEnv,
	contactId: string,
	type: EventType,
	data: (maps: IndexMaps) => EventData,
	change: (maps: IndexMaps) => void
): ConversationEvent {
	const maps = requireContact(action, docs.index, contactId);
	const event = buildEvent(action, env, contactId, type, actor, data(maps));
	transactAs(docs.index, action, actor, () => change(maps));
	transactAs(docs.contact, action, actor, () => appendEvent(docs.contact, event));
	return event;
}
