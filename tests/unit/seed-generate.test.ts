import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	agentDocName,
	indexDocName,
	INDEX_SHARDS,
	onInvalidRecord,
	parseDocName,
	readComments,
	readContactSummaries,
	readCustomFields,
	readDelivery,
	readEvents,
	readMarkers,
	readMembers,
	readMessages,
	readProfile,
	readSegments,
	readSnippets,
	readChannels,
	readTags,
	readWorkspaceMeta,
	workspaceDocName,
	type InvalidRecord
} from '../../shared/doc/index';
import { contactSummarySchema, profileSchema } from '../../shared/schemas/index';
import { seedAgents } from '../../server/seed/agents';
import { generateWorkspace, type WorkspacePlan } from '../../server/seed/generate';
import type { SeedStats } from '../../server/seed/stats';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const DAY = 24 * 3600 * 1000;

function plan(seed: number, contacts = 300): WorkspacePlan {
	return {
		seed,
		now: NOW,
		contacts,
		workspaceId: 'ws-test',
		workspaceName: 'Demo',
		agents: seedAgents(seed)
	};
}

/** Runs the generator into memory: every document's encoded state by name. */
async function generate(p: WorkspacePlan): Promise<{ states: Map<string, Uint8Array>; stats: SeedStats }> {
	const states = new Map<string, Uint8Array>();
	const stats = await generateWorkspace(p, (name, doc) => {
		expect(states.has(name), `${name} written twice`).toBe(false);
		states.set(name, Y.encodeStateAsUpdate(doc));
	});
	return { states, stats };
}

function load(state: Uint8Array | undefined): Y.Doc {
	expect(state).toBeDefined();
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state as Uint8Array);
	return doc;
}

describe('seed generator', () => {
	const invalid: InvalidRecord[] = [];
	let stop: () => void = () => {};
	let first: Awaited<ReturnType<typeof generate>>;

	beforeAll(async () => {
		stop = onInvalidRecord((record) => invalid.push(record));
		first = await generate(plan(11));
	});
	afterAll(() => stop());

	it('makes identical documents from the same seed', async () => {
		const second = await generate(plan(11));
		expect([...second.states.keys()]).toEqual([...first.states.keys()]);
		for (const [name, state] of first.states) expect(Buffer.compare(Buffer.from(second.states.get(name) ?? []), Buffer.from(state)), name).toBe(0);
		expect(second.stats).toEqual(first.stats);
	});

	it('makes other documents from another seed', async () => {
		const other = await generate(plan(12, 20));
		const index = Buffer.from(other.states.get(workspaceDocName('ws-test')) ?? []);
		expect(index.equals(Buffer.from(first.states.get(workspaceDocName('ws-test')) ?? []))).toBe(false);
	});

	it('writes the workspace, 64 shards, one document per contact and per agent', () => {
		const kinds = { workspace: 0, index: 0, contact: 0, agent: 0 };
		for (const name of first.states.keys()) {
			const parsed = parseDocName(name);
			expect(parsed, name).not.toBeNull();
			if (parsed) kinds[parsed.kind]++;
		}
		expect(kinds).toEqual({ workspace: 1, index: INDEX_SHARDS, contact: 300, agent: 3 });
	});

	it('fills the workspace catalogue', () => {
		const workspace = load(first.states.get(workspaceDocName('ws-test')));
		expect(readWorkspaceMeta(workspace)).toEqual({ name: 'Demo' });
		expect(readMembers(workspace).map((member) => member.email).sort()).toEqual(['ana@demo.test', 'ben@demo.test', 'cara@demo.test']);
		expect(readTags(workspace).map((tag) => tag.key).sort()).toEqual(['billing', 'bug', 'lead', 'urgent', 'vip']);
		expect(readCustomFields(workspace).map((field) => field.type)).toEqual(['text', 'number', 'date', 'choice']);
		expect(readSegments(workspace).length).toBeGreaterThanOrEqual(2);
		expect(readSnippets(workspace).some((snippet) => snippet.text.includes('{{contact.firstName}}'))).toBe(true);
		expect(readChannels(workspace).map((channel) => channel.type).sort()).toEqual(
			['email', 'instagram', 'messenger', 'telegram', 'webchat', 'whatsapp']
		);
	});

	it('writes only schema-valid records, consistent between index and contact documents', () => {
		const summaries = new Map<string, ReturnType<typeof readContactSummaries>[number]>();
		for (let shard = 0; shard < INDEX_SHARDS; shard++) {
			for (const row of readContactSummaries(load(first.states.get(indexDocName('ws-test', shard))))) {
				expect(contactSummarySchema.safeParse(row).success).toBe(true);
				summaries.set(row.id, row);
			}
		}
		expect(summaries.size).toBe(300);
		let messages = 0;
		let inbound = 0;
		let mentions = 0;
		for (const [name, state] of first.states) {
			const parsed = parseDocName(name);
			if (parsed?.kind !== 'contact') continue;
			const contact = load(state);
			const row = summaries.get(parsed.contactId);
			expect(row, name).toBeDefined();
			expect(profileSchema.safeParse(readProfile(contact)).success).toBe(true);
			const history = readMessages(contact);
			const events = readEvents(contact);
			expect(events[0]?.type).toBe('contact_created');
			for (const item of [...history, ...events, ...readComments(contact)]) {
				expect(item.at).toBeGreaterThanOrEqual(NOW - 31 * DAY);
				expect(item.at).toBeLessThanOrEqual(NOW);
			}
			for (const message of history) if (message.direction === 'out') expect(readDelivery(contact, message.id)).not.toBeNull();
			const incoming = history.filter((message) => message.direction === 'in').length;
			expect(row?.incoming).toBe(incoming);
			expect(row?.last?.messageId).toBe(history.at(-1)?.id);
			messages += history.length;
			inbound += incoming;
			mentions += readComments(contact).filter((comment) => comment.mentions.length > 0).length;
		}
		expect(messages).toBe(first.stats.messagesIn + first.stats.messagesOut);
		expect(inbound).toBe(first.stats.messagesIn);
		expect(mentions).toBeGreaterThan(0);
		expect(invalid).toEqual([]);
	});

	it('spreads triage state as a demo needs it', () => {
		const { stats } = first;
		expect(stats.contacts).toBe(300);
		expect(stats.messagesIn + stats.messagesOut).toBeGreaterThanOrEqual(2000);
		expect(stats.messagesIn + stats.messagesOut).toBeLessThanOrEqual(6000);
		for (const key of ['assigned', 'done', 'snoozedFuture', 'snoozedExpired', 'snoozesWoken', 'tagged', 'comments', 'customFields'] as const) {
			expect(stats[key], key).toBeGreaterThan(0);
		}
		const rows = Array.from({ length: INDEX_SHARDS }, (_, shard) =>
			readContactSummaries(load(first.states.get(indexDocName('ws-test', shard))))
		).flat();
		expect(rows.filter((row) => row.assignee !== null).length).toBe(stats.assigned);
		expect(rows.filter((row) => row.status === 'done').length).toBe(stats.done);
		expect(rows.filter((row) => row.snoozedUntil !== null && row.snoozedUntil > NOW).length).toBe(stats.snoozedFuture);
		// Left for the server's first start: ran out during the simulated 12 h of downtime.
		const expired = rows.filter((row) => row.snoozedUntil !== null && row.snoozedUntil <= NOW);
		expect(expired.length).toBe(stats.snoozedExpired);
		for (const row of expired) expect(row.snoozedUntil).toBeGreaterThan(NOW - 12 * 3600_000);
		expect(rows.filter((row) => row.tags.length > 0).length).toBe(stats.tagged);
	});

	it('wakes every expired snooze itself when the simulated server never went down', async () => {
		const live = await generate({ ...plan(11, 120), serverDownMs: 0 });
		expect(live.stats.snoozedExpired).toBe(0);
		expect(live.stats.snoozesWoken).toBeGreaterThan(0);
		let woken = 0;
		for (const [name, state] of live.states) {
			if (parseDocName(name)?.kind !== 'contact') continue;
			for (const event of readEvents(load(state))) {
				if (event.type !== 'unsnoozed') continue;
				expect(event.actor.kind).toBe('system');
				woken++;
			}
		}
		expect(woken).toBe(live.stats.snoozesWoken);
	});

	it('leaves read markers in the agents’ documents', () => {
		let markers = 0;
		for (const agent of seedAgents(11)) markers += readMarkers(load(first.states.get(agentDocName('ws-test', agent.id)))).size;
		expect(markers).toBe(first.stats.readMarkers);
		expect(markers).toBeGreaterThan(0);
	});
});
