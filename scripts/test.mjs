// `npm test`: every check the project has, in the order a failure is cheapest to find.
// Each step runs on its own so its output stays readable; the first failure stops the run.
import { spawnSync } from 'node:child_process';
import { ensureChromium } from './chromium.mjs';

const steps = [
	['type check', 'npm', ['run', '--silent', 'check']],
	['lint', 'npm', ['run', '--silent', 'lint']],
	['import cycles', 'npm', ['run', '--silent', 'cycles']],
	['build', 'npm', ['run', '--silent', 'build']],
	['browser', null, null],
	['unit, fuzz, integration and browser tests', 'npx', ['vitest', 'run', ...process.argv.slice(2)]]
];

for (const [name, cmd, args] of steps) {
	console.log(`\n── ${name} ──`);
	if (cmd === null) {
		process.env.CHROMIUM_PATH = ensureChromium();
		console.log(`using ${process.env.CHROMIUM_PATH}`);
		continue;
	}
	const started = Date.now();
	const result = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	if (result.status !== 0) {
		console.error(`\n✗ ${name} failed after ${seconds}s`);
		process.exit(result.status ?? 1);
	}
	console.log(`✓ ${name} (${seconds}s)`);
}
