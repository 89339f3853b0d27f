// Finds the Chromium the browser tests drive. On a Debian machine run as root with no
// Chromium yet, installs Debian's package (never a browser download of a test tool's own).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function found() {
	if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
	return candidates.find((path) => existsSync(path));
}

export function ensureChromium() {
	const path = found();
	if (path) return path;
	const isRoot = process.getuid?.() === 0;
	if (isRoot && existsSync('/usr/bin/apt-get')) {
		console.log('No Chromium found: installing Debian\'s chromium package with apt-get…');
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
			const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
			if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
		}
		const installed = found();
		if (installed) return installed;
	}
	throw new Error(
		'No Chromium found for the browser tests. Install Chromium and set CHROMIUM_PATH to its executable.'
	);
}
