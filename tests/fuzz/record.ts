import type { ConversationEvent, DeliveryState } from '../../shared/schemas/index.ts';
import type { FuzzWorld } from './world.ts';

// Helpers the operations use to write down in the model what an action did.

export function count(world: FuzzWorld, name: string): void {
	world.model.counts.set(name, (world.model.counts.get(name) ?? 0) + 1);
}

export function expectEvent(world: FuzzWorld, event: ConversationEvent | null): void {
	if (event === null) return;
	world.model.events.set(event.id, { type: event.type, contactId: event.contactId, actor: event.actor, step: world.step });
}

export function expectMessage(world: FuzzWorld, contactId: string, messageId: string): void {
	world.model.messages.get(contactId)!.add(messageId);
}

/** A new outgoing message: it must exist after sync, with delivery queued on attempt 1. */
export function expectSent(world: FuzzWorld, contactId: string, messageId: string): void {
	expectMessage(world, contactId, messageId);
	world.model.outgoing.get(contactId)!.push(messageId);
	expectDelivery(world, messageId, 1, 'queued');
}

export function expectDelivery(world: FuzzWorld, messageId: string, attempt: number, state: DeliveryState): void {
	const reports = world.model.delivery.get(messageId);
	if (reports) reports.push([attempt, state]);
	else world.model.delivery.set(messageId, [[attempt, state]]);
}

export function expectMarker(world: FuzzWorld, agent: string, contactId: string, marker: number): void {
	const markers = world.model.markers.get(agent)!;
	markers.set(contactId, Math.max(markers.get(contactId) ?? 0, marker));
}
