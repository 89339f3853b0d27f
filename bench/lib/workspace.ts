// A DATA_DIR prepared before the server starts: a seeded workspace (the same generator as the
// demo and `npm run seed`) plus a session per agent, written through the storage interface.
// Sessions go straight into storage because logging 200 agents in would spend ~10 s of
// scrypt in the server before the benchmark even starts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SESSION_COOKIE, startSession } from '../../server/auth/sessions';
import { createLogger } from '../../server/log';
import { seedDemoWorkspace, type SeedResult } from '../../server/seed/demo';
import { openSqliteStorage } from '../../server/storage/sqlite';

export interface BenchAgent {
	id: string;
	email: string;
	/** `Cookie` header value for the websocket upgrade. */
	cookie: string;
}

export interface BenchWorkspace {
	dataDir: string;
	workspaceId: string;
	agents: BenchAgent[];
	seed: SeedResult;
}

export async function prepareWorkspace(options: {
	contacts: number;
	agents: number;
	/** 0: every expired snooze already woken, so the server's first start has none to wake. */
	serverDownMs?: number;
	log?: (line: string) => void;
}): Promise<BenchWorkspace> {
	const dataDir = await mkdtemp(path.join(tmpdir(), 'switchboard-bench-'));
	const storage = openSqliteStorage({ dataDir, log: createLogger('bench-storage') });
	try {
		const seed = await seedDemoWorkspace(storage, options.log ?? (() => {}), {
			contacts: options.contacts,
			agents: options.agents,
			serverDownMs: options.serverDownMs
		});
		const agents: BenchAgent[] = [];
		for (const agent of seed.agents) {
			const { token } = await startSession(storage, agent.id);
			agents.push({ id: agent.id, email: agent.email, cookie: `${SESSION_COOKIE}=${token}` });
		}
		await storage.close();
		return { dataDir, workspaceId: seed.workspaceId, agents, seed };
	} catch (error) {
		await storage.close();
		await rm(dataDir, { recursive: true, force: true });
		throw error;
	}
}
