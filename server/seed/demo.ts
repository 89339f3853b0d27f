import { createChannelRows } from '../channels/seed-channels';
import type { Storage } from '../storage/types';
import { createSeedAccounts } from './accounts';
import { CHANNELS } from './catalogue';
import { DEMO_PASSWORD, seedAgents, type SeedAgent } from './agents';
import { generateWorkspace } from './generate';
import { Prng } from './prng';
import { describeStats, type SeedStats } from './stats';
import { storageSink } from './storage-sink';

// The demo workspace the server creates on its first start with an empty database, and the
// large workspaces `npm run seed` makes for benchmarks: accounts first, then every document
// built in memory through the shared actions and written straight into storage before the
// server serves anything (no Hocuspocus round trips, so a first start stays fast).

export { DEMO_PASSWORD };
export const DEMO_CONTACTS = 300;
export const DEFAULT_SEED = 20_261_125;

export interface SeedOptions {
	seed?: number;
	/** End of the simulated 30 days; defaults to the wall clock. */
	now?: number;
	contacts?: number;
	/** Agents in total: the three demo agents, then numbered ones. */
	agents?: number;
	workspaceName?: string;
	/** See WorkspacePlan.serverDownMs. */
	serverDownMs?: number;
	onProgress?: (contactsDone: number) => void;
}

export interface SeedResult {
	workspaceId: string;
	agents: SeedAgent[];
	stats: SeedStats;
	documents: number;
	bytes: number;
	ms: number;
}

export async function seedDemoWorkspace(
	storage: Storage,
	log: (line: string) => void,
	options: SeedOptions = {}
): Promise<SeedResult> {
	const started = performance.now();
	const seed = options.seed ?? DEFAULT_SEED;
	const agents = seedAgents(seed, options.agents);
	const workspace = { id: Prng.derive(seed, 'workspace').id(22), name: options.workspaceName ?? 'Demo' };
	const shown = agents.slice(0, 3).map((agent) => agent.email).join(', ');
	const more = agents.length > 3 ? ` (and ${agents.length - 3} more agents)` : '';
	log(`Demo workspace "${workspace.name}": log in as ${shown}${more} with password "${DEMO_PASSWORD}"`);

	await createSeedAccounts(storage, workspace, agents);
	// Secrets and outbound URLs of the catalogue's channels live only in the database.
	await createChannelRows(storage, workspace.id, CHANNELS);
	const { sink, flush, totals } = storageSink(storage);
	const stats = await generateWorkspace(
		{
			seed,
			now: options.now ?? Date.now(),
			contacts: options.contacts ?? DEMO_CONTACTS,
			workspaceId: workspace.id,
			workspaceName: workspace.name,
			agents,
			serverDownMs: options.serverDownMs
		},
		sink,
		options.onProgress
	);
	await flush();
	const ms = performance.now() - started;
	log(`Seeded ${describeStats(stats)}: ${totals.documents} documents, ${(totals.bytes / 1024 / 1024).toFixed(1)} MiB, ${Math.round(ms)} ms`);
	return { workspaceId: workspace.id, agents, stats, documents: totals.documents, bytes: totals.bytes, ms };
}
