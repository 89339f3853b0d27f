import {
	deleteCustomField,
	deleteSegment,
	deleteSnippet,
	removeMember,
	setWorkspaceMeta,
	upsertChannel,
	upsertCustomField,
	upsertMember,
	upsertSegment,
	upsertSnippet
} from '../../shared/actions/index.ts';
import { channelTypeSchema, userActor, type SegmentFilter } from '../../shared/schemas/index.ts';
import type { SeededRandom } from '../helpers/seeded-random.ts';
import type { Operation } from './client-ops.ts';
import { TAG_KEYS } from './client-ops.ts';
import { AGENTS, docsOf } from './world.ts';

// Catalogue edits, concurrent on several tabs: records replace whole, last writer wins.

function randomFilter(random: SeededRandom): SegmentFilter {
	const filter: SegmentFilter = {};
	if (random.bool()) filter.channels = [random.pick(channelTypeSchema.options)];
	if (random.bool()) filter.status = random.pick(['open', 'done'] as const);
	if (random.bool()) filter.assignee = random.pick([{ kind: 'me' }, { kind: 'unassigned' }, { kind: 'anyone' }] as const);
	if (random.bool()) filter.tags = { match: random.pick(['any', 'all'] as const), keys: [random.pick(TAG_KEYS)] };
	if (random.bool(0.3)) filter.snoozed = random.bool();
	return filter;
}

const pick = (random: SeededRandom, prefix: string) => `${prefix}${random.range(1, 3)}`;

export const workspaceOperation: Operation = (world, state) => {
	const docs = { workspace: docsOf(state, world, world.contactIds[0]!).workspace };
	const actor = userActor(state.agent!);
	const { random } = world;
	switch (random.int(10)) {
		case 0:
			return void upsertSegment(docs, { id: pick(random, 's'), name: random.word(), filter: randomFilter(random) }, actor, state.env);
		case 1:
			return void deleteSegment(docs, { id: pick(random, 's') }, actor, state.env);
		case 2:
			return void upsertSnippet(docs, { id: pick(random, 'n'), shortcut: random.word(), text: random.word() }, actor, state.env);
		case 3:
			return void deleteSnippet(docs, { id: pick(random, 'n') }, actor, state.env);
		case 4: {
			const field = { id: pick(random, 'f'), label: random.word(), type: 'choice' as const, options: ['a', 'b'], position: random.int(5) };
			return void upsertCustomField(docs, field, actor, state.env);
		}
		case 5:
			return void deleteCustomField(docs, { id: pick(random, 'f') }, actor, state.env);
		case 6: {
			const channel = { id: pick(random, 'ch'), type: random.pick(channelTypeSchema.options), name: random.word(), replyWindowHours: random.pick([24, 48, null]) };
			return void upsertChannel(docs, channel, actor, state.env);
		}
		case 7: {
			const id = random.pick(AGENTS);
			const member = { id, name: random.word(), email: `${id}@demo.test`, role: 'agent' as const, color: random.pick(['#2563eb', '#16a34a']) };
			return void upsertMember(docs, member, actor, state.env);
		}
		case 8:
			return void removeMember(docs, { id: 'temp' }, actor, state.env);
		default:
			return void setWorkspaceMeta(docs, { name: random.word() }, actor, state.env);
	}
};
