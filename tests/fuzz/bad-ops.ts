import * as Y from 'yjs';
import {
	ActionInputError,
	addComment,
	addTag,
	assignContact,
	recordInboundMessage,
	sendMessage,
	setDeliveryStatus,
	snoozeContact,
	updateProfileField,
	upsertSegment
} from '../../shared/actions/index.ts';
import { userActor } from '../../shared/schemas/index.ts';
import type { Operation } from './client-ops.ts';
import { docsOf, type FuzzWorld, type ReplicaState } from './world.ts';

// Invalid calls, mixed into the run: each must throw ActionInputError and leave every document
// of the replica exactly as it was (same state vectors), whatever state the replica is in.

type BadCall = (world: FuzzWorld, state: ReplicaState, contactId: string) => unknown;

const actorOf = (state: ReplicaState) => userActor(state.agent ?? 'server');

const BAD_CALLS: BadCall[] = [
	(w, s, c) => assignContact(docsOf(s, w, c), { contactId: c, assignee: 'not an id' }, actorOf(s), s.env),
	(w, s) => assignContact(docsOf(s, w, w.contactIds[0]!), { contactId: 'ghost', assignee: 'ana' }, actorOf(s), s.env),
	(w, s, c) => assignContact(docsOf(s, w, c), { contactId: c, assignee: 'ana' }, { kind: 'root', id: 'x' } as never, s.env),
	(w, s, c) => snoozeContact(docsOf(s, w, c), { contactId: c, until: s.env.now() }, actorOf(s), s.env),
	(w, s, c) => addTag(docsOf(s, w, c), { contactId: c, label: '   ' }, actorOf(s), s.env),
	(w, s, c) => updateProfileField(docsOf(s, w, c), { contactId: c, field: 'name', value: null }, actorOf(s), s.env),
	(w, s, c) => addComment(docsOf(s, w, c), { contactId: c, text: '' }, actorOf(s), s.env),
	(w, s, c) => sendMessage(docsOf(s, w, c), { contactId: c, messageId: 'bad id', text: 'x' }, actorOf(s), s.env),
	(w, s, c) => recordInboundMessage(docsOf(s, w, c), { contactId: c, providerMessageId: '', text: 'x', at: 0 }, actorOf(s), s.env),
	(w, s, c) =>
		setDeliveryStatus(docsOf(s, w, c), { contactId: c, messageId: 'nope', attempt: 1, state: 'sent' }, actorOf(s), s.env),
	(w, s, c) =>
		upsertSegment(docsOf(s, w, c), JSON.parse('{"id":"s1","name":"x","filter":{"__proto__":{"a":1}}}'), actorOf(s), s.env)
];

function stateVectors(state: ReplicaState): string {
	return [...state.replica.docs.values()].map((doc) => Buffer.from(Y.encodeStateVector(doc)).toString('base64')).join();
}

export const badInputOperation: Operation = (world, state, contactId) => {
	const index = world.random.int(BAD_CALLS.length);
	const before = stateVectors(state);
	try {
		BAD_CALLS[index]!(world, state, contactId);
	} catch (error) {
		if (!(error instanceof ActionInputError)) throw error;
		if (stateVectors(state) !== before) throw new Error(`bad call #${index} threw but wrote to ${state.replica.name}`);
		return;
	}
	throw new Error(`bad call #${index} did not throw on ${state.replica.name}`);
};
