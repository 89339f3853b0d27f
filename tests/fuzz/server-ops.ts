import {
	addTag,
	assignContact,
	inboundMessageId,
	markDone,
	markPending,
	recordInboundMessage,
	sendMessage,
	setDeliveryStatus,
	unsnoozeContact
} from '../../shared/actions/index.ts';
import { contactMaps } from '../../shared/doc/index.ts';
import { deliveryStateSchema, systemActor, type Actor } from '../../shared/schemas/index.ts';
import type { Operation } from './client-ops.ts';
import { expectDelivery, expectEvent, expectMessage, expectSent } from './record.ts';
import { AGENTS, docsOf } from './world.ts';

// What the server does: channel webhooks (inbound messages, sometimes delivered twice),
// delivery reports, and automations, bots and API clients acting on contacts.

const MACHINE_ACTORS: Actor[] = [
	systemActor,
	{ kind: 'automation', id: 'auto-reopen' },
	{ kind: 'bot', id: 'bot-1' },
	{ kind: 'api', id: 'key-crm' }
];

export const serverOperations: [string, number, Operation][] = [
	['recordInboundMessage', 12, (world, state, contactId) => {
		const seen = world.model.inbound.get(contactId)!;
		const order = world.model.inboundOrder.get(contactId)!;
		// One delivery in five repeats an earlier webhook: it must count once.
		const providerMessageId =
			seen.size > 0 && world.random.bool(0.2) ? world.random.pick(order) : `prov-${++world.serial}`;
		const at = Math.max(0, state.env.now() - world.random.int(60_000));
		const input = { contactId, providerMessageId, text: world.random.word(), at };
		const result = recordInboundMessage(docsOf(state, world, contactId), input, world.random.pick(MACHINE_ACTORS), state.env);
		if (result.created === seen.has(providerMessageId)) {
			throw new Error(`recordInboundMessage created=${result.created} for a ${seen.has(providerMessageId) ? 'repeat' : 'new'} id`);
		}
		if (!seen.has(providerMessageId)) order.push(providerMessageId);
		seen.add(providerMessageId);
		expectMessage(world, contactId, inboundMessageId(providerMessageId));
		expectEvent(world, result.reopened);
	}],
	['setDeliveryStatus', 7, (world, state, contactId) => {
		// A report can only come for a message the server has received (and so sent on).
		const outgoing = world.model.outgoing.get(contactId)!;
		if (outgoing.length === 0) return;
		const messageId = world.random.pick(outgoing);
		if (!contactMaps(docsOf(state, world, contactId).contact).messages.has(messageId)) return;
		const reports = world.model.delivery.get(messageId) ?? [];
		const latest = reports.reduce((max, [attempt]) => Math.max(max, attempt), 1);
		const attempt = world.random.bool(0.1) ? latest + 1 : world.random.range(1, latest);
		const deliveryState = world.random.pick(deliveryStateSchema.options);
		const input = { contactId, messageId, attempt, state: deliveryState, error: deliveryState === 'failed' ? 'window closed' : null };
		setDeliveryStatus(docsOf(state, world, contactId), input, systemActor, state.env);
		expectDelivery(world, messageId, attempt, deliveryState);
	}],
	['automation', 5, (world, state, contactId) => {
		const docs = docsOf(state, world, contactId);
		const actor = world.random.pick(MACHINE_ACTORS);
		const action = world.random.int(5);
		if (action === 0) expectEvent(world, assignContact(docs, { contactId, assignee: world.random.pick(AGENTS) }, actor, state.env));
		if (action === 1) expectEvent(world, markDone(docs, { contactId }, actor, state.env));
		if (action === 2) expectEvent(world, markPending(docs, { contactId }, actor, state.env));
		if (action === 3) expectEvent(world, unsnoozeContact(docs, { contactId }, actor, state.env));
		if (action === 4) expectEvent(world, addTag(docs, { contactId, label: 'auto' }, actor, state.env));
	}],
	['botReply', 2, (world, state, contactId) => {
		const messageId = state.env.newId();
		const actor = world.random.pick(MACHINE_ACTORS);
		sendMessage(docsOf(state, world, contactId), { contactId, messageId, text: world.random.word() }, actor, state.env);
		expectSent(world, contactId, messageId);
	}]
];
