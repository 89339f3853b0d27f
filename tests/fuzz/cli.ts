// `npm run fuzz -- --steps 100000 [--seed N] [--clients C] [--check-every K]`: one long seeded
// convergence run with a full sync and check every K steps. Prints progress; on failure prints
// the seed and step and the command that replays it, and exits 1.
import { runConvergence } from './convergence.ts';
import { FuzzFailure } from './failure.ts';

function option(name: string, fallback: number): number {
	const at = process.argv.indexOf(`--${name}`);
	if (at === -1) return fallback;
	const value = Number(process.argv[at + 1]);
	if (!Number.isSafeInteger(value) || value < 0) {
		console.error(`--${name} needs a whole number`);
		process.exit(2);
	}
	return value;
}

// Without --seed, a fresh one (printed first, so even a crash can be replayed).
const seed = option('seed', Date.now() % 2 ** 31);
const steps = option('steps', 10_000);
const clients = option('clients', 5);
const checkEvery = Math.max(1, option('check-every', 5_000));
const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);

console.log(`convergence fuzz: seed ${seed}, ${steps} steps, ${clients} clients + server, check every ${checkEvery}`);
try {
	const result = runConvergence({
		seed,
		steps,
		clients,
		checkEvery,
		onProgress: (step, world) =>
			console.log(
				`  step ${step}/${steps}  ${seconds()} s  ${world.model.events.size} events  ${world.network.delivered} messages delivered  checked ✓`
			)
	});
	console.log(`ok: seed ${seed}, ${result.steps} steps, ${result.events} events, ${result.delivered} messages in ${seconds()} s`);
	console.log(Object.entries(result.counts).map(([name, n]) => `${name} ${n}`).join(', '));
} catch (error) {
	if (!(error instanceof FuzzFailure)) throw error;
	console.error(`\nFAILED after ${seconds()} s: seed ${error.seed}, step ${error.step}\n${error.detail}`);
	console.error(
		`\nreplay: npm run fuzz -- --seed ${error.seed} --steps ${error.step} --clients ${clients} --check-every ${checkEvery}`
	);
	process.exit(1);
}
