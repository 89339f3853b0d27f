import {
	addComment,
	addTag,
	assignContact,
	markDone,
	markPending,
	markRead,
	removeTag,
	saveDraft,
	sendMessage,
	snoozeContact,
	unassignContact,
	unsnoozeContact,
	updateProfileField
} from '../../shared/actions/index.ts';
import { userActor, type ProfileField, type ProfileValue } from '../../shared/schemas/index.ts';
import type { SeededRandom } from '../helpers/seeded-random.ts';
import { count, expectEvent, expectMarker, expectSent } from './record.ts';
import { agentDocOf, AGENTS, docsOf, type FuzzWorld, type ReplicaState } from './world.ts';

// What an agent does in its tab, each with a weight. Every operation records in the model what
// it expects to find after convergence.

export type Operation = (world: FuzzWorld, state: ReplicaState, contactId: string) => void;

const TAG_LABELS = ['VIP', 'vip ', 'Billing', 'lead', 'Needs  Follow-up'];
export const TAG_KEYS = ['vip', 'billing', 'lead', 'needs follow-up'];

function profileChange(random: SeededRandom): [ProfileField, ProfileValue] {
	const field = random.pick<ProfileField>(['name', 'phone', 'email', 'avatarUrl', 'custom:plan', 'custom:score']);
	if (field === 'name') return [field, random.word()];
	if (field === 'phone') return [field, random.bool(0.8) ? `+351${random.range(100000, 999999)}` : null];
	if (field === 'email') return [field, random.bool(0.8) ? `${random.word()}@example.test` : null];
	if (field === 'avatarUrl') return [field, random.bool(0.5) ? `https://img.test/${random.word()}.png` : null];
	if (field === 'custom:score') return [field, random.int(100)];
	return [field, random.bool(0.8) ? random.pick(['free', 'pro', 'enterprise']) : null];
}

const sentBy = new WeakMap<ReplicaState, string[]>();
const commentsBy = new WeakMap<ReplicaState, [string, string][]>();

export const clientOperations: [string, number, Operation][] = [
	['assignContact', 8, (world, state, contactId) => {
		const assignee = world.random.pick(AGENTS);
		expectEvent(world, assignContact(docsOf(state, world, contactId), { contactId, assignee }, userActor(state.agent!), state.env));
	}],
	['unassignContact', 4, (world, state, contactId) =>
		expectEvent(world, unassignContact(docsOf(state, world, contactId), { contactId }, userActor(state.agent!), state.env))],
	['markDone', 6, (world, state, contactId) =>
		expectEvent(world, markDone(docsOf(state, world, contactId), { contactId }, userActor(state.agent!), state.env))],
	['markPending', 4, (world, state, contactId) =>
		expectEvent(world, markPending(docsOf(state, world, contactId), { contactId }, userActor(state.agent!), state.env))],
	['snoozeContact', 4, (world, state, contactId) => {
		const until = state.env.now() + world.random.range(1_000, 3 * 3_600_000);
		expectEvent(world, snoozeContact(docsOf(state, world, contactId), { contactId, until }, userActor(state.agent!), state.env));
	}],
	['unsnoozeContact', 3, (world, state, contactId) =>
		expectEvent(world, unsnoozeContact(docsOf(state, world, contactId), { contactId }, userActor(state.agent!), state.env))],
	['addTag', 5, (world, state, contactId) => {
		const label = world.random.pick(TAG_LABELS);
		expectEvent(world, addTag(docsOf(state, world, contactId), { contactId, label }, userActor(state.agent!), state.env));
	}],
	['removeTag', 4, (world, state, contactId) => {
		const tagKey = world.random.pick(TAG_KEYS);
		expectEvent(world, removeTag(docsOf(state, world, contactId), { contactId, tagKey }, userActor(state.agent!), state.env));
	}],
	['updateProfileField', 4, (world, state, contactId) => {
		const [field, value] = profileChange(world.random);
		const docs = docsOf(state, world, contactId);
		expectEvent(world, updateProfileField(docs, { contactId, field, value }, userActor(state.agent!), state.env));
	}],
	['addComment', 5, (world, state, contactId) => {
		// Sometimes a retry of an earlier comment (same client-made id): it must stay one comment.
		const earlier = commentsBy.get(state) ?? [];
		const retry = earlier.length > 0 && world.random.bool(0.15) ? world.random.pick(earlier) : null;
		const commentId = retry?.[0] ?? state.env.newId();
		const input = { contactId: retry?.[1] ?? contactId, commentId, text: world.random.word(), mentions: [world.random.pick(AGENTS)] };
		const { comment } = addComment(docsOf(state, world, input.contactId), input, userActor(state.agent!), state.env);
		world.model.comments.add(comment.id);
		if (!retry) {
			earlier.push([commentId, contactId]);
			commentsBy.set(state, earlier);
		}
	}],
	['sendMessage', 8, (world, state, contactId) => {
		// Sometimes a resend of an earlier message (same client-made id), as after a lost ack.
		const earlier = sentBy.get(state) ?? [];
		const retry = earlier.length > 0 && world.random.bool(0.1) ? world.random.pick(earlier) : null;
		const target = retry ? retry.split('@')[1]! : contactId;
		const messageId = retry ? retry.split('@')[0]! : state.env.newId();
		const docs = docsOf(state, world, target);
		const { created } = sendMessage(docs, { contactId: target, messageId, text: world.random.word() }, userActor(state.agent!), state.env);
		if (created) {
			expectSent(world, target, messageId);
			earlier.push(`${messageId}@${target}`);
			sentBy.set(state, earlier);
		}
	}],
	['markRead', 8, (world, state, contactId) => {
		const docs = { index: docsOf(state, world, contactId).index, agent: agentDocOf(state, state.agent!) };
		expectMarker(world, state.agent!, contactId, markRead(docs, { contactId }, userActor(state.agent!), state.env));
	}],
	['saveDraft', 3, (world, state, contactId) => {
		const text = world.random.bool(0.3) ? '' : world.random.word();
		saveDraft({ agent: agentDocOf(state, state.agent!) }, { contactId, text }, userActor(state.agent!), state.env);
	}]
];

export function runOperation(
	world: FuzzWorld,
	state: ReplicaState,
	operations: readonly [string, number, Operation][]
): void {
	const [name, , operation] = world.random.weighted(operations.map((entry) => [entry, entry[1]] as const));
	count(world, name);
	operation(world, state, world.random.pick(world.contactIds));
}
