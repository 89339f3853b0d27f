// The browser benchmarks' world: a 50,000-contact workspace (the seed generator, as `npm run
// seed -- --contacts 50000` writes it) plus one contact with a 10,000-message history, in a
// temporary DATA_DIR; our server on it; real Chromium with one agent signed in by session
// cookie (logging in through the form would add scrypt to nothing we measure), on the built app.
import { rm } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SESSION_COOKIE } from '../../server/auth/sessions';
import { createLogger } from '../../server/log';
import { openSqliteStorage } from '../../server/storage/sqlite';
import { BIG_CONTACT_ID, writeBigConversation } from '../../tests/helpers/big-conversation';
import { assertBuilt, launchBrowser } from '../../tests/helpers/browser';
import { TestServer } from '../../tests/helpers/test-server';
import { UNLIMITED_RATE } from '../lib/servers';
import { nowMs } from '../lib/stats';
import { prepareWorkspace, type BenchAgent } from '../lib/workspace';
import { installLoadProbe } from './page-probes';

export const BIG_MESSAGES = 10_000;

export interface BrowserBench {
	contacts: number;
	bigContactId: string;
	server: TestServer;
	browser: Browser;
	context: BrowserContext;
	page: Page;
	agent: BenchAgent;
	/** Seconds spent seeding, for the notes. */
	seedSeconds: number;
	dispose(): Promise<void>;
}

export async function startBrowserBench(contacts: number, log: (line: string) => void): Promise<BrowserBench> {
	assertBuilt();
	log(`seeding ${contacts.toLocaleString('en-US')} contacts and a ${BIG_MESSAGES.toLocaleString('en-US')}-message conversation`);
	const started = nowMs();
	// As a live server leaves it: no expired snoozes waiting for the snooze job at start.
	const workspace = await prepareWorkspace({ contacts, agents: 3, serverDownMs: 0 });
	const agent = workspace.agents[0];
	if (!agent) throw new Error('the seed made no agents');
	const storage = openSqliteStorage({ dataDir: workspace.dataDir, log: createLogger('bench-storage') });
	try {
		// Its newest message lands after every seeded one (the writer ends its history five
		// minutes before `now`), so its row is at the top of All, where the benchmark clicks it.
		await writeBigConversation(storage, workspace.workspaceId, agent.id, { messages: BIG_MESSAGES, now: Date.now() + 5 * 60_000 });
	} finally {
		await storage.close();
	}
	const seedSeconds = (nowMs() - started) / 1000;
	log(`seeded in ${seedSeconds.toFixed(1)} s; starting the server and Chromium`);
	const [server, browser] = await Promise.all([
		TestServer.start({ dataDir: workspace.dataDir, env: { SEED_DEMO: 'false', ...UNLIMITED_RATE }, startTimeoutMs: 120_000 }),
		launchBrowser()
	]);
	const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } });
	const [name, value] = agent.cookie.split('=') as [string, string];
	if (name !== SESSION_COOKIE) throw new Error(`unexpected session cookie ${name}`);
	await context.addCookies([{ name, value, url: server.url }]);
	// tsx compiles with esbuild's keepNames, which wraps functions in `__name(...)`: functions
	// handed to the page need it defined there.
	await context.addInitScript('globalThis.__name ??= (target) => target;');
	await context.addInitScript(installLoadProbe);
	const page = await context.newPage();
	return {
		contacts: contacts + 1,
		bigContactId: BIG_CONTACT_ID,
		server,
		browser,
		context,
		page,
		agent,
		seedSeconds,
		async dispose() {
			await browser.close().catch(() => undefined);
			await server.dispose();
			await rm(workspace.dataDir, { recursive: true, force: true });
		}
	};
}
