// `npm test`: every check the project has, in the order a failure is cheapest to find.
// Each step runs on its own so its output stays readable; the first failure stops the run.
// Extra arguments go to vitest (e.g. `npm test -- tests/unit`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium } from './chromium.mjs';

const reportDir = mkdtempSync(join(tmpdir(), 'switchboard-test-'));
const report = join(reportDir, 'vitest.json');
const vitestArgs = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];

const steps = [
	['type check', () => run('npm', ['run', '--silent', 'check'])],
	['lint', () => run('npm', ['run', '--silent', 'lint'])],
	['import cycles', () => run('npm', ['run', '--silent', 'cycles'])],
	['build', () => run('npm', ['run', '--silent', 'build'])],
	['browser', () => {
		process.env.CHROMIUM_PATH = ensureChromium();
		console.log(`using ${process.env.CHROMIUM_PATH}`);
		return 0;
	}],
	['unit, fuzz, integration and browser tests', () => run('npx', [...vitestArgs, ...process.argv.slice(2)])]
];

function run(cmd, args) {
	return spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status ?? 1;
}

/** One plain closing line, the same whatever runner produced it. */
function summary() {
	try {
		const json = JSON.parse(readFileSync(report, 'utf8'));
		// A file that fails to load or errors outside a test counts as one failure: vitest's
		// own test counts leave it out.
		const brokenFiles = json.testResults.filter(
			(file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed')
		).length;
		const failed = json.numFailedTests + brokenFiles;
		return `Tests: ${json.numPassedTests} passed, ${failed} failed, ${json.numPendingTests + json.numTodoTests} skipped`;
	} catch {
		return null;
	}
}

let status = 0;
for (const [name, step] of steps) {
	console.log(`\n── ${name} ──`);
	const started = Date.now();
	status = step();
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	if (status !== 0) {
		console.error(`\n✗ ${name} failed after ${seconds}s`);
		break;
	}
	console.log(`✓ ${name} (${seconds}s)`);
}
const line = summary();
rmSync(reportDir, { recursive: true, force: true });
if (line) console.log(`\n${line}`);
process.exit(status);
