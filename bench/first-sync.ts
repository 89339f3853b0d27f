// (b) First sync of a 50,000-contact workspace to a new client: one socket opens the workspace
// document and the 64 index shards (awareness on the workspace document only, as the app
// does); we time until all 65 are synced and count the websocket bytes received against the
// sum of the documents' encoded states. "Cold" is the first client after a server start (the
// server reads every document from SQLite); "warm" clients connect while the documents are
// loaded (the first client stays connected, or Hocuspocus would unload them).
import { rm } from 'node:fs/promises';
import * as Y from 'yjs';
import { indexDocNames, workspaceDocName } from '../shared/doc/names';
import { connectSocket, type BenchSocket } from './lib/agents';
import { newByteCounter } from './lib/counting-websocket';
import { startOurServer, type RunningServer } from './lib/servers';
import { mib, nowMs } from './lib/stats';
import type { Table } from './lib/table';
import { prepareWorkspace, type BenchAgent } from './lib/workspace';

const CONTACTS = 50_000;
const WARM_RUNS = 3;
const GOAL_MS = 3000;
const GOAL_WIRE_RATIO = 1.1;

interface SyncRun {
	socket: BenchSocket;
	ms: number;
	workspaceMs: number;
	wireBytes: number;
	payloadBytes: number;
	stateBytes: number;
}

async function syncOnce(server: RunningServer, agent: BenchAgent, names: string[]): Promise<SyncRun> {
	const counter = newByteCounter();
	const started = nowMs();
	const socket = connectSocket(server.syncUrl, { headers: server.headersFor(agent.cookie), counter });
	let workspaceMs = 0;
	const providers = await Promise.all(
		names.map((name, i) =>
			socket.open(name, { awareness: i === 0, timeoutMs: 120_000 }).then((provider) => {
				if (i === 0) workspaceMs = nowMs() - started;
				return provider;
			})
		)
	);
	const ms = nowMs() - started;
	const stateBytes = providers.reduce((sum, provider) => sum + Y.encodeStateAsUpdate(provider.document).byteLength, 0);
	return { socket, ms, workspaceMs, wireBytes: counter.frameBytes, payloadBytes: counter.payloadBytes, stateBytes };
}

export async function firstSync(log: (line: string) => void): Promise<Table[]> {
	log(`seeding ${CONTACTS.toLocaleString('en-US')} contacts (npm run seed's generator)`);
	const seedStarted = nowMs();
	// As a live server leaves it: no expired snoozes for the snooze job to wake at start, so the
	// sync is measured alone (thousands of wake-ups at once are the job's concern, not this).
	const workspace = await prepareWorkspace({ contacts: CONTACTS, agents: 3, serverDownMs: 0 });
	const seedSeconds = (nowMs() - seedStarted) / 1000;
	log(`seeded in ${seedSeconds.toFixed(1)} s; starting the server`);
	const names = [workspaceDocName(workspace.workspaceId), ...indexDocNames(workspace.workspaceId)];
	const agent = workspace.agents[1] as BenchAgent;
	const runs: { label: string; run: SyncRun }[] = [];
	let server: RunningServer | null = null;
	try {
		server = await startOurServer(workspace.dataDir);
		const cold = await syncOnce(server, agent, names);
		runs.push({ label: 'cold (documents read from SQLite)', run: cold });
		log(`cold sync ${cold.ms.toFixed(0)} ms`);
		for (let i = 1; i <= WARM_RUNS; i++) {
			const warm = await syncOnce(server, agent, names);
			runs.push({ label: `warm #${i} (documents in memory)`, run: warm });
			warm.socket.close();
		}
		cold.socket.close();
	} finally {
		await server?.stop();
		await rm(workspace.dataDir, { recursive: true, force: true });
	}
	const rows = runs.map(({ label, run }) => [
		label,
		Math.round(run.workspaceMs),
		Math.round(run.ms),
		mib(run.stateBytes),
		mib(run.wireBytes),
		run.wireBytes / run.stateBytes
	]);
	const coldRun = runs[0]?.run;
	const worstMs = Math.max(...runs.map(({ run }) => run.ms));
	const worstRatio = Math.max(...runs.map(({ run }) => run.wireBytes / run.stateBytes));
	return [
		{
			title: `First sync of a ${CONTACTS.toLocaleString('en-US')}-contact workspace (workspace + 64 index shards, one socket)`,
			columns: ['run', 'workspace doc ms', 'all 65 docs ms', 'state MiB', 'wire MiB', 'wire / state'],
			rows,
			notes: [
				`- Seeding the workspace (${workspace.seed.documents.toLocaleString('en-US')} documents, ${mib(workspace.seed.bytes).toFixed(0)} MiB) took ${seedSeconds.toFixed(1)} s.`,
				`- Wire = websocket frame bytes received (frame headers included) after the upgrade; state = Σ encodeStateAsUpdate of the 65 synced documents.`,
				`- Time < ${GOAL_MS / 1000} s: ${worstMs < GOAL_MS ? 'met' : 'not met'} (cold ${Math.round(coldRun?.ms ?? 0)} ms, slowest ${Math.round(worstMs)} ms).`,
				`- Wire ≤ ${GOAL_WIRE_RATIO}× state: ${worstRatio <= GOAL_WIRE_RATIO ? 'met' : 'not met'} (worst ${worstRatio.toFixed(3)}×).`
			]
		}
	];
}
