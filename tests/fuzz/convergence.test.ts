import { describe, expect, it } from 'vitest';
import { checkConvergence } from './checks-convergence.ts';
import { runConvergence, type FuzzOptions } from './convergence.ts';
import { FuzzFailure } from './failure.ts';
import { createWorld, workspaceName } from './world.ts';

// The seeded convergence fuzz test of the document model (npm run fuzz runs it for longer).
// A failure prints its seed and step and the command that replays it.

function run(options: FuzzOptions) {
	try {
		return runConvergence(options);
	} catch (error) {
		if (error instanceof FuzzFailure) {
			console.error(`${error.message}\nreplay: npm run fuzz -- --seed ${error.seed} --steps ${error.step}`);
		}
		throw error;
	}
}

describe('convergence fuzz', () => {
	it('converges over 1,000 steps from the fixed seed', () => {
		const result = run({ seed: 20_250_101, steps: 1_000, checkEvery: 250 });
		expect(result.events).toBeGreaterThan(300);
		// Every kind of action ran, valid and invalid, and links went down and came back.
		for (const name of ['recordInboundMessage', 'sendMessage', 'setDeliveryStatus', 'markRead', 'assignContact', 'addTag', 'removeTag', 'snoozeContact', 'updateProfileField', 'addComment', 'workspace', 'badInput', 'disconnect', 'reconnect']) {
			expect(result.counts[name], name).toBeGreaterThan(0);
		}
	});

	for (const seed of [1, 77]) {
		it(`converges over 1,000 steps from seed ${seed}`, () => {
			expect(run({ seed, steps: 1_000 }).steps).toBe(1_000);
		});
	}

	it('converges with more tabs than agents (several tabs per agent)', () => {
		expect(run({ seed: 9, steps: 500, clients: 8 }).steps).toBe(500);
	});

	it('reports the seed and step of a failure', () => {
		const failure = new FuzzFailure(42, 17, 'replicas differ');
		expect(failure.message).toBe('convergence fuzz failed (seed 42, step 17): replicas differ');
	});
});

describe('convergence checks', () => {
	it('notice a replica that missed an update', () => {
		const world = createWorld(5, 5);
		world.network.flush();
		const client = world.clients[0]!;
		world.network.disconnect(client.link!);
		client.replica.docs.get(workspaceName)!.getMap('meta').set('meta', { name: 'Offline rename' });
		expect(() => checkConvergence(world)).toThrow(/differs/);
	});
});
