import {
	compareLast,
	lastMessageOf,
	onInvalidRecord,
	readChannels,
	readComments,
	readContactSummaries,
	readCustomFields,
	readDelivery,
	readDraft,
	readEvents,
	readMarkers,
	readMembers,
	readMessages,
	readProfile,
	readSegments,
	readSnippets,
	readTags,
	readWorkspaceMeta,
	type InvalidRecord
} from '../../shared/doc/index.ts';
import { indicatorState, predefinedFilter, unreadCount } from '../../shared/query/index.ts';
import { contactSummarySchema, type ContactSummary, type DeliveryState, type LastMessage } from '../../shared/schemas/index.ts';
import { agentDocOf, AGENTS, docsOf, type FuzzWorld } from './world.ts';

// What the converged state must mean, checked on the server's copy (every replica is equal by
// now): the merge semantics of DESIGN.md, against the model of what the actions did.

const RANK: Record<DeliveryState, number> = { queued: 0, sent: 1, failed: 2, delivered: 3, read: 4 };

function same(a: Iterable<string>, b: Iterable<string>): boolean {
	const left = [...a].sort();
	const right = [...b].sort();
	return left.length === right.length && left.every((value, i) => value === right[i]);
}

function checkContact(world: FuzzWorld, row: ContactSummary): void {
	const { model } = world;
	const { contact } = docsOf(world.server, world, row.id);
	const fail = (what: string) => {
		throw new Error(`contact ${row.id}: ${what}`);
	};
	if (!contactSummarySchema.safeParse(row).success) fail('list row is not schema-valid');
	const messages = readMessages(contact);
	if (!same(messages.map((m) => m.id), model.messages.get(row.id)!)) fail('messages differ from those recorded and sent');
	const inbound = messages.filter((m) => m.direction === 'in').length;
	if (inbound !== model.inbound.get(row.id)!.size) fail(`${inbound} inbound messages, ${model.inbound.get(row.id)!.size} provider ids`);
	if (row.incoming !== inbound) fail(`incoming counter ${row.incoming} but ${inbound} inbound messages`);
	let latest: LastMessage | null = null;
	for (const message of messages) {
		const last = lastMessageOf(message);
		if (latest === null || compareLast(last, latest) > 0) latest = last;
	}
	if (JSON.stringify(row.last) !== JSON.stringify(latest)) {
		fail(`list shows ${JSON.stringify(row.last)} as last, latest message is ${JSON.stringify(latest)}`);
	}
	const events = readEvents(contact);
	const expected = [...model.events].filter(([, event]) => event.contactId === row.id);
	if (events.length !== expected.length) fail(`${events.length} events, ${expected.length} actions`);
	for (const event of events) {
		const action = model.events.get(event.id);
		if (!action || action.type !== event.type || JSON.stringify(action.actor) !== JSON.stringify(event.actor)) {
			fail(`event ${event.id} (${event.type}) matches no action`);
		}
	}
	for (const message of messages) {
		const reports = model.delivery.get(message.id);
		if (!reports) continue;
		const attempt = Math.max(...reports.map(([a]) => a));
		const rank = Math.max(...reports.filter(([a]) => a === attempt).map(([, state]) => RANK[state]));
		const status = readDelivery(contact, message.id);
		if (status?.attempt !== attempt || RANK[status.state] !== rank) {
			fail(`delivery of ${message.id} is ${JSON.stringify(status)}, expected attempt ${attempt} rank ${rank}`);
		}
	}
	for (const comment of readComments(contact)) if (!model.comments.has(comment.id)) fail(`unknown comment ${comment.id}`);
	readProfile(contact);
}

function checkAgents(world: FuzzWorld, rows: ContactSummary[]): void {
	const now = world.clock.now;
	for (const agent of AGENTS) {
		const doc = agentDocOf(world.server, agent);
		const markers = readMarkers(doc);
		let anyUnreadMine = false;
		for (const row of rows) {
			const marker = markers.get(row.id) ?? 0;
			const expected = world.model.markers.get(agent)!.get(row.id) ?? 0;
			if (marker !== expected) throw new Error(`${agent}'s marker on ${row.id} is ${marker}, markRead returned up to ${expected}`);
			if (marker > row.incoming) throw new Error(`${agent}'s marker on ${row.id} is ahead of incoming ${row.incoming}`);
			if (unreadCount(row, marker) !== row.incoming - marker) throw new Error(`unread of ${row.id} for ${agent} is wrong`);
			const mine = row.status === 'open' && row.assignee === agent && !(row.snoozedUntil !== null && row.snoozedUntil > now);
			if (mine && row.incoming > marker) anyUnreadMine = true;
			readDraft(doc, row.id);
		}
		const indicator = indicatorState(rows, predefinedFilter('mine'), { me: agent, now, markers });
		if ((indicator.color === 'orange') !== anyUnreadMine) throw new Error(`${agent}'s Mine indicator is ${indicator.color}`);
	}
}

export function checkSemantics(world: FuzzWorld): void {
	const invalid: InvalidRecord[] = [];
	const stop = onInvalidRecord((record) => invalid.push(record));
	try {
		const { index, workspace } = docsOf(world.server, world, world.contactIds[0]!);
		const rows = readContactSummaries(index);
		if (!same(rows.map((r) => r.id), world.contactIds)) throw new Error(`index lists ${rows.map((r) => r.id).join()}`);
		for (const row of rows) checkContact(world, row);
		checkAgents(world, rows);
		readWorkspaceMeta(workspace);
		readMembers(workspace);
		readTags(workspace);
		readSegments(workspace);
		readSnippets(workspace);
		readCustomFields(workspace);
		readChannels(workspace);
	} finally {
		stop();
	}
	if (invalid.length > 0) throw new Error(`invalid records: ${JSON.stringify(invalid.slice(0, 3))}`);
}
