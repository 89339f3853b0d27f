// (a) Agent-to-agent propagation: N agents, each on its own websocket, share one contact
// document; one of them adds a comment (the `addComment` action, one small update) and we time
// until every other agent's Y.Doc has it. Same workload through our server and through bare
// Hocuspocus, in the same run, so the ratio shows what auth, access, the synchronous update
// log and limits cost per update.
import { rm } from 'node:fs/promises';
import type * as Y from 'yjs';
import { addComment } from '../shared/actions/index';
import { contactDocName } from '../shared/doc/names';
import { userActor } from '../shared/schemas/index';
import { connectSocket, type BenchSocket } from './lib/agents';
import { startBareServer, startOurServer, type RunningServer } from './lib/servers';
import { mean, nowMs, percentile } from './lib/stats';
import type { Table } from './lib/table';
import { prepareWorkspace, type BenchAgent } from './lib/workspace';

const AGENT_COUNTS = [50, 200];
const SAMPLES = 400;
const PASSES = 4;
const WARMUP = 10;
const SAMPLE_TIMEOUT_MS = 10_000;
const CONNECT_BATCH = 25;
const GOAL_RATIO = 1.2;

/**
 * A fresh contact document per pass, which no seeded contact uses: it starts empty on both
 * servers alike. Reusing one would not be fair: bare Hocuspocus forgets a document when its
 * last client leaves while ours reloads it, and every pass's 200 new Y client ids make each
 * later update slower to apply (Yjs computes a state vector per transaction, O(client ids):
 * measured in-process, 200 replicas applying one update took 1.7 ms with 1 client id in the
 * document, 4.6 ms with 200, 27 ms with 800).
 */
const contactIdOf = (count: number, pass: number) => `propagation-${count}-${pass}`;

interface Fleet {
	sockets: BenchSocket[];
	docs: Y.Doc[];
	contactId: string;
}

async function connectFleet(server: RunningServer, agents: BenchAgent[], workspaceId: string, contactId: string): Promise<Fleet> {
	const docName = contactDocName(workspaceId, contactId);
	const sockets: BenchSocket[] = [];
	const docs: Y.Doc[] = [];
	// In batches: 200 simultaneous handshakes would measure the accept queue, not the sync.
	for (let i = 0; i < agents.length; i += CONNECT_BATCH) {
		const batch = agents.slice(i, i + CONNECT_BATCH).map((agent) => connectSocket(server.syncUrl, { headers: server.headersFor(agent.cookie) }));
		// Awareness off: the app keeps it on the workspace document, not on contacts, and 200
		// agents renewing it every 15 s would add their own traffic to every sample.
		const providers = await Promise.all(batch.map((socket) => socket.open(docName, { awareness: false })));
		sockets.push(...batch);
		docs.push(...providers.map((provider) => provider.document));
	}
	return { sockets, docs, contactId };
}

/** One sample: agent `writer` comments; resolves with ms until all other agents have it. */
function sample(fleet: Fleet, agents: BenchAgent[], writer: number, id: string): Promise<number> {
	return new Promise((resolve, reject) => {
		let waiting = fleet.docs.length - 1;
		const cleanups: (() => void)[] = [];
		const timer = setTimeout(() => {
			for (const cleanup of cleanups) cleanup();
			reject(new Error(`sample ${id}: ${waiting} agents never received it`));
		}, SAMPLE_TIMEOUT_MS);
		let started = 0;
		fleet.docs.forEach((doc, i) => {
			if (i === writer) return;
			const comments = doc.getMap('comments');
			const observer = (event: Y.YMapEvent<unknown>) => {
				if (!event.keysChanged.has(id)) return;
				comments.unobserve(observer);
				if (--waiting === 0) {
					clearTimeout(timer);
					resolve(nowMs() - started);
				}
			};
			comments.observe(observer);
			cleanups.push(() => comments.unobserve(observer));
		});
		const agent = agents[writer] as BenchAgent;
		started = nowMs();
		addComment({ contact: fleet.docs[writer] as Y.Doc }, { contactId: fleet.contactId, commentId: id, text: `ping ${id}`, mentions: [] }, userActor(agent.id));
	});
}

/**
 * Both fleets stay connected and samples alternate between them (ours, bare, bare, ours, …),
 * so drift in the machine's load (GC, compaction, the other process) hits both alike.
 */
async function measurePair(servers: RunningServer[], agents: BenchAgent[], workspaceId: string, contactId: string): Promise<number[][]> {
	const fleets: Fleet[] = [];
	try {
		for (const server of servers) fleets.push(await connectFleet(server, agents, workspaceId, contactId));
		const samples: number[][] = servers.map(() => []);
		for (let i = 0; i < WARMUP + SAMPLES / PASSES; i++) {
			const order = i % 2 === 0 ? [0, 1] : [1, 0];
			for (const s of order) {
				const latency = await sample(fleets[s] as Fleet, agents, i % agents.length, `${s}-${i}`);
				if (i >= WARMUP) samples[s]?.push(latency);
			}
		}
		return samples;
	} finally {
		for (const fleet of fleets) for (const socket of fleet.sockets) socket.close();
	}
}

export async function propagation(log: (line: string) => void): Promise<Table[]> {
	const agentsNeeded = Math.max(...AGENT_COUNTS);
	log(`seeding the demo workspace with ${agentsNeeded} agents and their sessions`);
	const workspace = await prepareWorkspace({ contacts: 300, agents: agentsNeeded });
	const rows: (string | number)[][] = [];
	const notes: string[] = [];
	let ours: RunningServer | null = null;
	let bare: RunningServer | null = null;
	try {
		ours = await startOurServer(workspace.dataDir);
		bare = await startBareServer();
		for (const count of AGENT_COUNTS) {
			const agents = workspace.agents.slice(0, count);
			// Passes alternate which server's fleet connects first, so position in this one
			// client process (socket order, timers) favours neither server.
			log(`${count} agents on each server: ${PASSES} passes × ${SAMPLES / PASSES} samples, alternating`);
			const o: number[] = [];
			const b: number[] = [];
			for (let pass = 0; pass < PASSES; pass++) {
				const servers = pass % 2 === 0 ? [ours, bare] : [bare, ours];
				const [first = [], second = []] = await measurePair(servers, agents, workspace.workspaceId, contactIdOf(count, pass));
				const [mine, theirs] = pass % 2 === 0 ? [first, second] : [second, first];
				o.push(...mine);
				b.push(...theirs);
				log(`pass ${pass + 1}: p50 ours ${percentile(mine, 50).toFixed(1)} ms, bare ${percentile(theirs, 50).toFixed(1)} ms`);
			}
			const results = new Map([
				[ours.label, o],
				[bare.label, b]
			]);
			for (const server of [ours, bare]) {
				const samples = results.get(server.label) ?? [];
				rows.push([server.label, count, samples.length, percentile(samples, 50), percentile(samples, 90), percentile(samples, 99), mean(samples)]);
			}
			const p50 = percentile(o, 50) / percentile(b, 50);
			const p99 = percentile(o, 99) / percentile(b, 99);
			notes.push(
				`- ${count} agents: ours / bare = ${p50.toFixed(2)}× at p50, ${p99.toFixed(2)}× at p99 — goal ≤ ${GOAL_RATIO}×: ${p50 <= GOAL_RATIO && p99 <= GOAL_RATIO ? 'met' : 'not met'}`
			);
		}
	} finally {
		await ours?.stop();
		await bare?.stop();
		await rm(workspace.dataDir, { recursive: true, force: true });
	}
	return [
		{
			title: 'Agent-to-agent propagation (ms until every other agent has the update)',
			columns: ['server', 'agents', 'samples', 'p50 ms', 'p90 ms', 'p99 ms', 'mean ms'],
			rows,
			notes
		}
	];
}
