// The two servers a benchmark compares: ours (the real process, through the test helper) and
// bare Hocuspocus (bare-server.ts), each in its own process so neither shares an event loop
// with the simulated clients.
import { fileURLToPath } from 'node:url';
import { TestServer } from '../../tests/helpers/test-server';
import { startNodeChild } from './child-process';

export interface RunningServer {
	label: string;
	syncUrl: string;
	/** Handshake headers for agent `i` (session cookie and Origin for ours, none for bare). */
	headersFor(cookie: string): Record<string, string>;
	pid: number | undefined;
	stop(): Promise<void>;
}

/** Lifts the per-socket message budget: a benchmark measures throughput, not the limiter. */
export const UNLIMITED_RATE = { WS_RATE_PER_SECOND: '1000000', WS_RATE_BURST: '10000000' };

export async function startOurServer(dataDir: string, env: Record<string, string> = {}, label = 'switchboard'): Promise<RunningServer> {
	const server = await TestServer.start({ dataDir, env: { SEED_DEMO: 'false', ...UNLIMITED_RATE, ...env }, startTimeoutMs: 120_000 });
	return {
		label,
		syncUrl: server.syncUrl,
		headersFor: (cookie) => ({ Cookie: cookie, Origin: server.origin }),
		pid: server.pid,
		stop: () => server.stop()
	};
}

export async function startBareServer(): Promise<RunningServer> {
	const script = fileURLToPath(new URL('./bare-server.ts', import.meta.url));
	const child = await startNodeChild([script], { ready: /listening on (\d+)/ });
	return {
		label: 'bare hocuspocus',
		syncUrl: `ws://127.0.0.1:${child.match[1]}`,
		headersFor: () => ({}),
		pid: child.process.pid,
		stop: () => child.stop()
	};
}
