import type * as Y from 'yjs';
import type { ActionEnv } from '../../shared/actions/index.ts';
import { agentDocName, contactDocName, indexDocName, shardOf, workspaceDocName } from '../../shared/doc/index.ts';
import type { Actor, DeliveryState, EventType } from '../../shared/schemas/index.ts';
import { SeededNetwork, type Link, type Replica } from '../helpers/seeded-network.ts';
import { SeededRandom } from '../helpers/seeded-random.ts';

// The fuzzer's world: one server replica (index 0, holding every document, the only one that
// records inbound messages and delivery reports, as in production) and N client replicas, each
// an agent's browser tab holding the workspace, one index shard, its 2–3 contacts and its own
// agent document. Two tabs may belong to one agent. Beside the replicas, a model of what the
// actions did, which the checks compare with the converged documents.

export const WORKSPACE_ID = 'w1';
export const AGENTS = ['ana', 'ben', 'cara', 'dan'] as const;

export interface ReplicaState {
	replica: Replica;
	/** The agent whose tab this is; null for the server. */
	agent: string | null;
	env: ActionEnv;
	link: Link | null;
}

export interface ExpectedEvent {
	type: EventType;
	contactId: string;
	actor: Actor;
	step: number;
}

/** What the actions did, recorded from their return values. */
export interface FuzzModel {
	events: Map<string, ExpectedEvent>;
	/** Message ids per contact (inbound ids derived, outbound ids client-made). */
	messages: Map<string, Set<string>>;
	/** Distinct provider ids recorded per contact (= expected incoming), and in recording order. */
	inbound: Map<string, Set<string>>;
	inboundOrder: Map<string, string[]>;
	/** Outgoing message ids per contact, in sending order (targets for delivery reports). */
	outgoing: Map<string, string[]>;
	comments: Set<string>;
	/** Delivery reports per message id: [attempt, state]. */
	delivery: Map<string, [number, DeliveryState][]>;
	/** Highest marker each agent's markRead returned, per contact. */
	markers: Map<string, Map<string, number>>;
	/** How often each action ran (valid and rejected). */
	counts: Map<string, number>;
}

export interface FuzzWorld {
	seed: number;
	random: SeededRandom;
	network: SeededNetwork;
	server: ReplicaState;
	clients: ReplicaState[];
	contactIds: string[];
	shard: number;
	/** Simulated wall clock; replicas see it with their own skew. */
	clock: { now: number };
	model: FuzzModel;
	step: number;
	/** A counter for names the world makes up (provider message ids). */
	serial: number;
}

export const workspaceName = workspaceDocName(WORKSPACE_ID);

export function docsOf(state: ReplicaState, world: FuzzWorld, contactId: string) {
	const get = (name: string): Y.Doc => state.replica.docs.get(name)!;
	return {
		workspace: get(workspaceName),
		index: get(indexDocName(WORKSPACE_ID, world.shard)),
		contact: get(contactDocName(WORKSPACE_ID, contactId))
	};
}

export function agentDocOf(state: ReplicaState, agent: string): Y.Doc {
	return state.replica.docs.get(agentDocName(WORKSPACE_ID, agent))!;
}

/** Contact ids that land in one shard, so one index document holds all their rows. */
function contactIdsInShard(random: SeededRandom, shard: number, count: number): string[] {
	const ids: string[] = [];
	for (let n = 0; ids.length < count; n++) {
		const id = `c${n}x${random.int(1000)}`;
		if (shardOf(id) === shard && !ids.includes(id)) ids.push(id);
	}
	return ids;
}

function uniqueClientIds(random: SeededRandom): () => number {
	const used = new Set<number>();
	return () => {
		let id = random.uint32();
		while (id === 0 || used.has(id)) id = random.uint32();
		used.add(id);
		return id;
	};
}

export function createWorld(seed: number, clientCount: number): FuzzWorld {
	const random = new SeededRandom(seed);
	const network = new SeededNetwork(random.fork());
	const shard = random.int(64);
	const contactIds = contactIdsInShard(random, shard, random.range(2, 3));
	const clientIds = uniqueClientIds(random.fork());
	const clock = { now: Date.UTC(2025, 0, 1) };
	const shared = [workspaceName, indexDocName(WORKSPACE_ID, shard), ...contactIds.map((id) => contactDocName(WORKSPACE_ID, id))];

	const envOf = (index: number, skew: number): ActionEnv => {
		let counter = 0;
		return { now: () => Math.max(0, clock.now + skew), newId: () => `r${index}n${++counter}` };
	};
	const serverReplica = network.addReplica('server', [...shared, ...AGENTS.map((a) => agentDocName(WORKSPACE_ID, a))], clientIds);
	const server: ReplicaState = { replica: serverReplica, agent: null, env: envOf(0, 0), link: null };
	const clients: ReplicaState[] = [];
	for (let i = 1; i <= clientCount; i++) {
		// Tabs cycle through the agents, so with five or more clients one agent has two tabs.
		const agent = AGENTS[(i - 1) % AGENTS.length]!;
		const replica = network.addReplica(`${agent}#${i}`, [...shared, agentDocName(WORKSPACE_ID, agent)], clientIds);
		// Client clocks are off by up to five minutes either way: `last` must not trust them.
		const skew = random.range(-300_000, 300_000);
		clients.push({ replica, agent, env: envOf(i, skew), link: network.link(serverReplica, replica) });
	}
	const model: FuzzModel = {
		events: new Map(),
		messages: new Map(contactIds.map((id) => [id, new Set<string>()])),
		inbound: new Map(contactIds.map((id) => [id, new Set<string>()])),
		inboundOrder: new Map(contactIds.map((id) => [id, []])),
		outgoing: new Map(contactIds.map((id) => [id, []])),
		comments: new Set(),
		delivery: new Map(),
		markers: new Map(AGENTS.map((a) => [a, new Map<string, number>()])),
		counts: new Map()
	};
	return { seed, random, network, server, clients, contactIds, shard, clock, model, step: 0, serial: 0 };
}
