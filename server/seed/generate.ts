import * as Y from 'yjs';
import { agentDocName, contactDocName, indexDocName, INDEX_SHARDS, shardOf, workspaceDocName } from '../../shared/doc/names';
import type { SeedAgent } from './agents';
import { buildCatalogue } from './catalogue';
import { SeedClock } from './clock';
import { Prng } from './prng';
import { newSeedDoc } from './seed-doc';
import { emptyStats, type SeedStats } from './stats';
import { ContactStory } from './story';

// Builds a whole workspace in memory and hands each finished document to a sink. Contact
// documents are handed over (and dropped) one by one, so 50,000 contacts never sit in memory
// at once; the workspace, the 64 index shards and the agents' documents stay until the end,
// because every contact's story writes to them.

const DAY = 24 * 3600 * 1000;

export interface WorkspacePlan {
	seed: number;
	/** The end of the simulated period: no event is later. */
	now: number;
	contacts: number;
	workspaceId: string;
	workspaceName: string;
	agents: readonly SeedAgent[];
	/** How far back the first contact may have written. */
	days?: number;
	/**
	 * The simulated server stopped waking expired snoozes this long before "now" (default
	 * 12 h): those are left for the real server's first start. 0: a live server, none left.
	 */
	serverDownMs?: number;
}

/** Receives each finished document; may be async (PostgreSQL writes are). */
export type DocSink = (name: string, doc: Y.Doc) => void | Promise<void>;

/**
 * Contacts per batch. The conflict-free registers (`last`, `incoming`, read markers) scan
 * every key of their map on each write, so playing 50,000 stories against one shard of ~780
 * contacts and an agent document of ~17,000 read markers made seeding quadratic (10 minutes).
 * Each batch writes into fresh replicas of the shards and agent documents instead, merged into
 * the real ones when the batch ends, the way the many devices of a real team write a
 * workspace: a shard ends up with one Y client per batch, a few dozen at 50,000 contacts.
 */
const BATCH = 1000;

const clientIdOf = (seed: number, name: string) => Prng.derive(seed, `client:${name}`).uint32();

/**
 * The real document (`replica` undefined) or batch `replica`'s scratch copy of it. Replicas of
 * one document get consecutive client ids, so two of them can never share one: that would
 * corrupt the merged document.
 */
function seedDoc(seed: number, name: string, replica?: number): Y.Doc {
	const base = clientIdOf(seed, name);
	return newSeedDoc(name, replica === undefined ? base : (base + replica + 1) >>> 0);
}

function mergeInto(targets: Y.Doc[], sources: Y.Doc[]): void {
	for (const [i, source] of sources.entries()) {
		Y.applyUpdate(targets[i] as Y.Doc, Y.encodeStateAsUpdate(source));
		source.destroy();
	}
}

export async function generateWorkspace(
	plan: WorkspacePlan,
	sink: DocSink,
	onProgress?: (contactsDone: number) => void
): Promise<SeedStats> {
	const { seed, now, workspaceId, agents } = plan;
	const days = plan.days ?? 30;
	const stats = emptyStats();

	const workspace = seedDoc(seed, workspaceDocName(workspaceId));
	buildCatalogue(workspace, plan.workspaceName, agents, new SeedClock(Prng.derive(seed, 'catalogue'), now - days * DAY - 3600_000));
	const shards = Array.from({ length: INDEX_SHARDS }, (_, shard) => seedDoc(seed, indexDocName(workspaceId, shard)));
	const agentDocs = new Map(agents.map((agent) => [agent.id, seedDoc(seed, agentDocName(workspaceId, agent.id))]));

	for (let first = 0; first < plan.contacts; first += BATCH) {
		const batch = first / BATCH;
		// Scratch replicas for this batch (see BATCH), merged into the real documents below.
		const scratchShards = shards.map((_, shard) => seedDoc(seed, indexDocName(workspaceId, shard), batch));
		const scratchAgents = new Map(agents.map((agent) => [agent.id, seedDoc(seed, agentDocName(workspaceId, agent.id), batch)]));
		for (let i = first; i < Math.min(plan.contacts, first + BATCH); i++) {
			const prng = Prng.derive(seed, `contact:${i}`);
			const contactId = prng.id();
			const name = contactDocName(workspaceId, contactId);
			const contact = seedDoc(seed, name);
			new ContactStory({
				contactId,
				prng,
				clock: new SeedClock(Prng.derive(seed, `ids:${i}`), now),
				now,
				days,
				serverDownMs: plan.serverDownMs ?? 12 * 3600_000,
				agents,
				index: scratchShards[shardOf(contactId)] as Y.Doc,
				contact,
				workspace,
				agentDocs: scratchAgents,
				stats
			}).play();
			await sink(name, contact);
			contact.destroy();
			if (onProgress && (i + 1) % 1000 === 0) onProgress(i + 1);
		}
		mergeInto(shards, scratchShards);
		mergeInto([...agentDocs.values()], [...scratchAgents.values()]);
	}

	await sink(workspaceDocName(workspaceId), workspace);
	for (const [shard, doc] of shards.entries()) await sink(indexDocName(workspaceId, shard), doc);
	for (const [userId, doc] of agentDocs) await sink(agentDocName(workspaceId, userId), doc);
	for (const doc of [workspace, ...shards, ...agentDocs.values()]) doc.destroy();
	return stats;
}
