// Hocuspocus as a library: `new Hocuspocus(config)` fed by our own upgrade handler (not
// `new Server`, which insists on its own http server). Extensions, one job each: access
// (onAuthenticate), storage (load, durable append, compaction), redis (when configured).
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Storage } from '../storage/types.ts';
import { AccessExtension } from './access-extension.ts';
import { CompactionScheduler } from './compaction-scheduler.ts';
import { createRedisExtension } from './redis-extension.ts';
import { SocketRegistry } from './socket-registry.ts';
import { StaleUnloadGuard } from './stale-unload-guard.ts';
import { StorageExtension } from './storage-extension.ts';
import { createUpgradeHandler, type UpgradeHandler } from './upgrade.ts';

export { withDirectConnection, withDirectConnections } from './direct-connection.ts';
export { SYNC_PATH } from './upgrade.ts';

export type Sync = {
	hocuspocus: Hocuspocus;
	handleUpgrade: UpgradeHandler;
	/** Closes the live sockets of a session (after log-out). */
	closeSession(sessionHash: string): void;
	/** Closes every socket, waits for documents to unload and compactions to finish. */
	close(): Promise<void>;
};

const UNLOAD_WAIT_MS = 10_000;

/** `jobs`: extensions of server jobs that watch documents as they load (e.g. snooze expiry). */
export function createSync(config: Config, storage: Storage, log: Logger, jobs: Extension[] = []): Sync {
	const scheduler = new CompactionScheduler(
		storage,
		{ threshold: config.compactThreshold, idleMs: config.compactIdleMs },
		log.child('compaction')
	);
	const extensions: Extension[] = [
		new StaleUnloadGuard(),
		new AccessExtension(storage, log.child('access')),
		new StorageExtension(storage, scheduler, log.child('storage'))
	];
	if (config.redisUrl) extensions.push(createRedisExtension(config.redisUrl));
	extensions.push(...jobs);

	// Defaults kept on purpose (see notes-hocuspocus-3.4): gc on, debounce 2 s / max 10 s
	// (only schedules compaction here), unloadImmediately, 30 s ping timeout.
	const hocuspocus = new Hocuspocus({ name: 'switchboard', quiet: true, extensions });
	const sockets = new SocketRegistry();
	const handleUpgrade = createUpgradeHandler({
		hocuspocus,
		storage,
		sockets,
		log: log.child('sync'),
		maxPayload: config.maxPayload,
		appOrigin: config.appOrigin,
		ratePerSecond: config.wsRatePerSecond,
		rateBurst: config.wsRateBurst
	});

	async function close() {
		handleUpgrade.close();
		hocuspocus.closeConnections();
		for (const socket of sockets.all()) socket.terminate();
		// Closing connections runs each document's pending store and unload; wait for that,
		// bounded, so that unload-time compactions get scheduled before we stop.
		const deadline = Date.now() + UNLOAD_WAIT_MS;
		while (hocuspocus.getDocumentsCount() > 0 && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		await scheduler.close();
		await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
	}

	return { hocuspocus, handleUpgrade, closeSession: (hash) => sockets.closeSession(hash), close };
}
