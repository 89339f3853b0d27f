// Starts the real server as its own process (`node --import tsx server/index.ts`: one
// process, so SIGKILL hits the server itself) on a free port with a temporary DATA_DIR.
// Every wait is a condition with a deadline, never a fixed sleep.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../../server/log.ts';
import { openSqliteStorage } from '../../server/storage/sqlite.ts';
import type { Storage } from '../../server/storage/types.ts';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DEMO_PASSWORD = 'switchboard';

/** Server settings a developer's shell may carry; tests start from the defaults (empty = unset). */
const ISOLATED_ENV: Record<string, string> = Object.fromEntries(
	['DATABASE_URL', 'REDIS_URL', 'APP_ORIGIN', 'STATIC_DIR', 'MAX_PAYLOAD', 'SEED_DEMO'].concat(
		['WS_RATE_PER_SECOND', 'WS_RATE_BURST', 'COMPACT_THRESHOLD', 'COMPACT_IDLE_MS', 'COMPACT_TEST_PAUSE_MS']
	).map((name) => [name, ''])
);

export type TestServerOptions = {
	/** Extra environment for the server (e.g. COMPACT_THRESHOLD, MAX_PAYLOAD). */
	env?: Record<string, string>;
	/** Reuse a directory (another server's); a fresh temp directory otherwise. */
	dataDir?: string;
	port?: number;
	/** How long to wait for /api/health. */
	startTimeoutMs?: number;
};

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}

/** Polls `check` until it returns a value other than undefined/false, or throws at the deadline. */
export async function waitUntil<T>(
	check: () => T | undefined | false | Promise<T | undefined | false>,
	{ timeoutMs = 10_000, intervalMs = 20, what = 'condition' } = {}
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

export class TestServer {
	readonly dataDir: string;
	readonly port: number;
	readonly url: string;
	/** What a browser on the app would send as Origin. */
	readonly origin: string;
	readonly syncUrl: string;
	/** Every line the server printed, across restarts. */
	readonly output: string[] = [];
	env: Record<string, string>;
	#child: ChildProcess | null = null;
	#exited: Promise<void> = Promise.resolve();
	readonly #ownsDataDir: boolean;
	readonly #startTimeoutMs: number;

	private constructor(dataDir: string, port: number, env: Record<string, string>, ownsDataDir: boolean, startTimeoutMs: number) {
		this.dataDir = dataDir;
		this.port = port;
		this.url = `http://127.0.0.1:${port}`;
		this.origin = this.url;
		this.syncUrl = `ws://127.0.0.1:${port}/sync`;
		this.env = env;
		this.#ownsDataDir = ownsDataDir;
		this.#startTimeoutMs = startTimeoutMs;
	}

	static async start(options: TestServerOptions = {}): Promise<TestServer> {
		const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'switchboard-test-')));
		const port = options.port ?? (await freePort());
		const server = new TestServer(dataDir, port, options.env ?? {}, !options.dataDir, options.startTimeoutMs ?? 30_000);
		await server.#spawn();
		return server;
	}

	get pid(): number | undefined {
		return this.#child?.pid;
	}

	async #spawn() {
		const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
			cwd: REPO_ROOT,
			env: { ...process.env, ...ISOLATED_ENV, PORT: String(this.port), DATA_DIR: this.dataDir, HOST: '127.0.0.1', ...this.env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		this.#child = child;
		this.#exited = new Promise((resolve) => child.once('exit', () => resolve()));
		let pendingText = '';
		const collect = (chunk: Buffer) => {
			pendingText += chunk.toString('utf8');
			const lines = pendingText.split('\n');
			pendingText = lines.pop() ?? '';
			this.output.push(...lines);
			if (process.env.SERVER_LOGS) for (const line of lines) console.log(`  [server ${this.port}] ${line}`);
		};
		child.stdout?.on('data', collect);
		child.stderr?.on('data', collect);
		let exitCode: number | null = null;
		child.once('exit', (code) => (exitCode = code ?? -1));
		await waitUntil(
			async () => {
				if (exitCode !== null) throw new Error(`server exited with ${exitCode} while starting:\n${this.output.join('\n')}`);
				try {
					const response = await fetch(`${this.url}/api/health`);
					return response.ok;
				} catch {
					return false;
				}
			},
			{ timeoutMs: this.#startTimeoutMs, intervalMs: 50, what: `server on port ${this.port} to answer /api/health` }
		);
	}

	/** Resolves once a printed line matches; looks at lines printed since `fromLine`. */
	waitForLine(pattern: RegExp, { fromLine = 0, timeoutMs = 15_000 } = {}): Promise<string> {
		return waitUntil(() => this.output.slice(fromLine).find((line) => pattern.test(line)), {
			timeoutMs,
			what: `a server line matching ${pattern}`
		});
	}

	/** Graceful stop (SIGTERM). */
	async stop() {
		await this.#signal('SIGTERM');
	}

	/** Kills the process without warning: nothing gets to flush. */
	async kill(signal: NodeJS.Signals = 'SIGKILL') {
		await this.#signal(signal);
	}

	/** Starts again on the same port and DATA_DIR, optionally with other environment. */
	async restart(env?: Record<string, string>) {
		if (this.#child) await this.stop();
		if (env) this.env = env;
		await this.#spawn();
	}

	async #signal(signal: NodeJS.Signals) {
		const child = this.#child;
		if (!child) return;
		this.#child = null;
		if (child.exitCode === null && child.signalCode === null) child.kill(signal);
		await this.#exited;
	}

	/** Logs in through the API and returns the Cookie header value (`sb_session=…`). */
	async login(email: string, password = DEMO_PASSWORD): Promise<string> {
		const response = await fetch(`${this.url}/api/auth/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email, password })
		});
		if (!response.ok) throw new Error(`login of ${email} failed: ${response.status} ${await response.text()}`);
		const cookie = response.headers.get('set-cookie')?.split(';')[0];
		if (!cookie) throw new Error('login answered without a session cookie');
		return cookie;
	}

	/** GET /api/auth/me with a cookie. */
	async me(cookie: string): Promise<{ user: { id: string; email: string }; workspaces: { id: string; name: string; role: string }[] }> {
		const response = await fetch(`${this.url}/api/auth/me`, { headers: { cookie } });
		if (!response.ok) throw new Error(`me failed: ${response.status}`);
		return response.json();
	}

	/**
	 * Opens the server's SQLite database from the test process (WAL allows a second
	 * connection while the server runs), for fixtures and for inspecting what is on disk.
	 */
	async withSqlite<T>(fn: (storage: Storage) => Promise<T>): Promise<T> {
		const storage = openSqliteStorage({ dataDir: this.dataDir, log: createLogger('test-storage') });
		try {
			return await fn(storage);
		} finally {
			await storage.close();
		}
	}

	/** Stops the server and deletes its temporary DATA_DIR. */
	async dispose() {
		await this.stop();
		if (this.#ownsDataDir) await rm(this.dataDir, { recursive: true, force: true });
	}
}
