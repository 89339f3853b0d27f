// (d) Inbound throughput: signed webhook messages into one workspace while 10 agents are
// connected (each on its own websocket with the 64 index shards open, as the app keeps them),
// and the time from a message's POST until every agent's list shows it (the `last` register
// of its index shard carries its text). Two loads: a steady rate well under capacity (what a
// busy team sees: the latency of one message), and a burst with many requests in flight (the
// throughput ceiling, where latency is mostly queueing). Senders are a cast of 300 who
// continue their conversations; each one's first message creates its contact.
import { createHmac } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type * as Y from 'yjs';
import { indexDocNames } from '../shared/doc/names';
import { createLogger } from '../server/log';
import { openSqliteStorage } from '../server/storage/sqlite';
import { connectSocket, type BenchSocket } from './lib/agents';
import { startOurServer } from './lib/servers';
import { nowMs, percentile } from './lib/stats';
import type { Table } from './lib/table';
import { prepareWorkspace } from './lib/workspace';

const AGENTS = 10;
const SENDERS = 300;
const CHANNEL = 'whatsapp';
const SECRET = 'bench-inbound-secret';
const SAMPLE_TIMEOUT_MS = 60_000;

type Load = { label: string; messages: number; inFlight: number; ratePerSecond: number | null };
const LOADS: Load[] = [
	{ label: 'steady 20 msg/s', messages: 400, inFlight: 8, ratePerSecond: 20 },
	{ label: 'burst, 64 in flight', messages: 2000, inFlight: 64, ratePerSecond: null }
];

interface Sample {
	postedAt: number;
	answeredAt: number;
	/** When each agent's list showed it, by agent. */
	seen: Map<number, number>;
}

/** Watches one agent's 64 shards; calls `onSeen(i)` when message `bench-{run}-{i}` shows up. */
function watchAgent(docs: Y.Doc[], run: string, onSeen: (index: number) => void): () => void {
	const pattern = new RegExp(`^bench-${run}-(\\d+) `);
	const stops = docs.map((doc) => {
		const last = doc.getMap('last');
		const observer = (event: Y.YMapEvent<unknown>) => {
			for (const key of event.keysChanged) {
				const text = (last.get(key) as { text?: unknown } | undefined)?.text;
				const match = typeof text === 'string' ? pattern.exec(text) : null;
				if (match) onSeen(Number(match[1]));
			}
		};
		last.observe(observer);
		return () => last.unobserve(observer);
	});
	return () => stops.forEach((stop) => stop());
}

async function runLoad(url: string, agents: BenchSocket[], load: Load, run: string): Promise<{ samples: Sample[]; seconds: number; failed: number }> {
	const samples: Sample[] = Array.from({ length: load.messages }, () => ({ postedAt: 0, answeredAt: 0, seen: new Map() }));
	let complete = 0;
	let resolveAll: () => void = () => {};
	const allSeen = new Promise<void>((resolve) => (resolveAll = resolve));
	const stops = agents.map((agent, a) =>
		watchAgent(
			agent.providers.map((p) => p.document),
			run,
			(j) => {
				// The list shows a contact's latest message: one that arrives with (or before) a
				// newer one of the same sender is shown by that one, so it counts as seen too.
				const at = nowMs();
				for (let i = j; i >= 0; i -= SENDERS) {
					const sample = samples[i];
					if (!sample || sample.seen.has(a)) continue;
					sample.seen.set(a, at);
					if (sample.seen.size === agents.length && ++complete === load.messages) resolveAll();
				}
			}
		)
	);
	let failed = 0;
	const statuses = new Map<number, number>();
	let next = 0;
	const started = nowMs();
	const post = async (i: number) => {
		const sender = i % SENDERS;
		const body = JSON.stringify({
			messageId: `bench-${run}-${i}`,
			sender: { id: `+4915000${String(sender).padStart(4, '0')}`, name: `Bench Sender ${sender}` },
			text: `bench-${run}-${i} Hello, where is my order?`,
			sentAt: Date.now()
		});
		const sample = samples[i] as Sample;
		sample.postedAt = nowMs();
		const response = await fetch(`${url}/api/channels/${CHANNEL}/inbound`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-switchboard-signature': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` },
			body
		});
		await response.arrayBuffer();
		sample.answeredAt = nowMs();
		if (response.status !== 200) {
			failed++;
			statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
		}
	};
	const lane = async () => {
		for (let i = next++; i < load.messages; i = next++) {
			if (load.ratePerSecond) {
				const due = started + (i * 1000) / load.ratePerSecond;
				const wait = due - nowMs();
				if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
			}
			await post(i);
		}
	};
	await Promise.all(Array.from({ length: load.inFlight }, lane));
	const timeout = new Promise<void>((_, reject) =>
		setTimeout(() => {
			const missing = samples.flatMap((s, i) => (s.seen.size < agents.length ? [i] : []));
			reject(new Error(`${load.label}: ${missing.length} messages not seen by every agent (${failed} failed: ${JSON.stringify([...statuses])}); e.g. ${missing.slice(0, 5).join(', ')}`));
		}, SAMPLE_TIMEOUT_MS)
	);
	try {
		await Promise.race([allSeen, timeout]);
	} finally {
		stops.forEach((stop) => stop());
	}
	const seconds = (Math.max(...samples.map((s) => s.answeredAt)) - started) / 1000;
	return { samples, seconds, failed };
}

export async function inbound(log: (line: string) => void): Promise<Table[]> {
	log(`seeding the demo workspace (300 contacts, ${AGENTS} agents)`);
	const workspace = await prepareWorkspace({ contacts: 300, agents: AGENTS, serverDownMs: 0 });
	// The seed gives channels random secrets nobody knows: set one, as an owner's rotation would.
	const storage = openSqliteStorage({ dataDir: workspace.dataDir, log: createLogger('bench-storage') });
	await storage.updateChannel(CHANNEL, { secret: SECRET });
	await storage.close();
	const server = await startOurServer(workspace.dataDir);
	const url = server.syncUrl.replace(/^ws/, 'http').replace(/\/sync$/, '');
	const rows: (string | number)[][] = [];
	const agents: BenchSocket[] = [];
	try {
		const names = indexDocNames(workspace.workspaceId);
		for (const agent of workspace.agents.slice(0, AGENTS)) {
			const socket = connectSocket(server.syncUrl, { headers: server.headersFor(agent.cookie) });
			await Promise.all(names.map((name, i) => socket.open(name, { awareness: i === 0 })));
			agents.push(socket);
		}
		log(`${agents.length} agents connected, 64 shards each`);
		for (const [n, load] of LOADS.entries()) {
			const { samples, seconds, failed } = await runLoad(url, agents, load, String(n));
			const http = samples.map((s) => s.answeredAt - s.postedAt);
			const everyone = samples.map((s) => Math.max(...s.seen.values()) - s.postedAt);
			log(`${load.label}: ${(load.messages / seconds).toFixed(0)} msg/s, all agents p50 ${percentile(everyone, 50).toFixed(1)} ms`);
			rows.push([
				load.label,
				load.messages,
				failed,
				load.messages / seconds,
				percentile(http, 50),
				percentile(http, 99),
				percentile(everyone, 50),
				percentile(everyone, 99)
			]);
		}
	} finally {
		for (const agent of agents) agent.close();
		await server.stop();
		await rm(workspace.dataDir, { recursive: true, force: true });
	}
	return [
		{
			title: `Inbound webhooks into one workspace, ${AGENTS} agents connected (ms from POST)`,
			columns: ['load', 'messages', 'failed', 'msg/s', 'HTTP p50 ms', 'HTTP p99 ms', 'all lists p50 ms', 'all lists p99 ms'],
			rows,
			notes: [
				`- msg/s = messages ÷ seconds from the first POST to the last answer; a message is answered once it is in the contact and index documents on disk.`,
				`- "all lists": until the ${AGENTS}th agent's index shard shows the message (or a newer one of its sender) as the contact's latest; every agent holds all 64 shards over its own websocket.`,
				`- ${SENDERS} senders continue their conversations; the first message of each creates its contact (link in the database, createContact, then the message).`
			]
		}
	];
}
