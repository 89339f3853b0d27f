import { createContact, setWorkspaceMeta, upsertMember } from '../../shared/actions/index.ts';
import { systemActor } from '../../shared/schemas/index.ts';
import { badInputOperation } from './bad-ops.ts';
import { checkConvergence } from './checks-convergence.ts';
import { checkSemantics } from './checks-semantics.ts';
import { clientOperations, runOperation, type Operation } from './client-ops.ts';
import { FuzzFailure } from './failure.ts';
import { count, expectEvent } from './record.ts';
import { serverOperations } from './server-ops.ts';
import { workspaceOperation } from './workspace-ops.ts';
import { AGENTS, createWorld, docsOf, type FuzzWorld } from './world.ts';

// The convergence fuzz engine (after yjs's tests/testHelper.js). From one seed: a server and N
// client tabs; each step advances the clock, performs one random action (any action of
// docs/actions.md, valid or deliberately invalid) on a random replica, delivers a few queued
// messages in random order, and sometimes drops or restores a client's connection. At every
// checkpoint and at the end: full sync, then every replica must be equal and the state must
// mean what the actions did (checks-*.ts). Any failure names its seed and step.

export interface FuzzOptions {
	seed: number;
	steps: number;
	/** Client replicas besides the server (at least 5 for the "5 replicas"). */
	clients?: number;
	/** Full sync and check every N steps (and always after the last). */
	checkEvery?: number;
	onProgress?: (step: number, world: FuzzWorld) => void;
}

export interface FuzzResult {
	seed: number;
	steps: number;
	delivered: number;
	events: number;
	counts: Record<string, number>;
}

const CLIENT_OPERATIONS: [string, number, Operation][] = [
	...clientOperations,
	['workspace', 4, workspaceOperation],
	['badInput', 3, badInputOperation]
];
const SERVER_OPERATIONS: [string, number, Operation][] = [...serverOperations, ['badInput', 1, badInputOperation]];

function setUp(world: FuzzWorld): void {
	const { server } = world;
	const workspace = docsOf(server, world, world.contactIds[0]!).workspace;
	setWorkspaceMeta({ workspace }, { name: 'Fuzz' }, systemActor, server.env);
	for (const id of AGENTS) {
		upsertMember({ workspace }, { id, name: id, email: `${id}@demo.test`, role: 'agent', color: '#2563eb' }, systemActor, server.env);
	}
	for (const contactId of world.contactIds) {
		const docs = docsOf(server, world, contactId);
		expectEvent(world, createContact(docs, { contactId, channel: 'whatsapp', name: contactId }, systemActor, server.env));
	}
	// Clients load what exists before they start acting, as a browser does after login.
	world.network.flush();
}

function step(world: FuzzWorld): void {
	const { random, network } = world;
	world.clock.now += random.int(90_000);
	if (random.bool(0.3)) runOperation(world, world.server, SERVER_OPERATIONS);
	else runOperation(world, random.pick(world.clients), CLIENT_OPERATIONS);
	network.deliver(random.int(6));
	const link = random.pick(world.clients).link!;
	if (link.connected && random.bool(0.04)) {
		network.disconnect(link);
		count(world, 'disconnect');
	} else if (!link.connected && random.bool(0.15)) {
		network.reconnect(link);
		count(world, 'reconnect');
	}
}

function checkpoint(world: FuzzWorld): void {
	world.network.flush();
	checkConvergence(world);
	checkSemantics(world);
}

export function runConvergence(options: FuzzOptions): FuzzResult {
	const { seed, steps, clients = 5, checkEvery = 1_000, onProgress } = options;
	const world = createWorld(seed, clients);
	try {
		setUp(world);
		for (world.step = 1; world.step <= steps; world.step++) {
			step(world);
			if (world.step % checkEvery === 0 || world.step === steps) checkpoint(world);
			if (onProgress && world.step % checkEvery === 0) onProgress(world.step, world);
		}
	} catch (error) {
		if (error instanceof FuzzFailure) throw error;
		const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
		throw new FuzzFailure(seed, Math.min(world.step, steps), detail);
	}
	return {
		seed,
		steps,
		delivered: world.network.delivered,
		events: world.model.events.size,
		counts: Object.fromEntries([...world.model.counts].sort(([a], [b]) => a.localeCompare(b)))
	};
}
