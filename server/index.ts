// Composition root: configuration, storage, sync, HTTP, signals. No behaviour of its own.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createChannels } from './channels/index.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createFiles } from './files/index.ts';
import { createRequestHandler } from './http/app.ts';
import { SnoozeExpiryJob } from './jobs/snooze-expiry.ts';
import { createLogger } from './log.ts';
import { seedDemoWorkspace } from './seed/demo.ts';
import { openStorage } from './storage/index.ts';
import { createSync } from './sync/index.ts';
import { createWebchat } from './webchat/index.ts';

const SHUTDOWN_TIMEOUT_MS = 15_000;

async function main(config: Config) {
	const log = createLogger();
	// Stray rejections inside libraries (hook chains nobody awaits) are logged, not fatal:
	// every acknowledged update is on disk already, but a crash would still drop sockets.
	process.on('unhandledRejection', (error) => log.error('unhandled promise rejection', error));

	const storage = await openStorage(config, log.child('storage'));
	if (config.seedDemo && (await storage.countUsers()) === 0) {
		await seedDemoWorkspace(storage, (line) => log.info(line));
	}
	const snoozeExpiry = new SnoozeExpiryJob(storage, log.child('snooze'));
	const files = await createFiles(config, storage);
	const channels = createChannels(config, storage, log.child('channels'), files.inboundAttachments);
	const sync = createSync(config, storage, log, [snoozeExpiry, channels.extension]);
	const webchat = createWebchat({
		hocuspocus: sync.hocuspocus,
		storage,
		files: files.service,
		attachments: files.inboundAttachments,
		appOrigin: config.appOrigin,
		log: log.child('webchat')
	});
	const server = http.createServer(
		createRequestHandler({
			storage,
			staticDir: config.staticDir,
			appOrigin: config.appOrigin,
			closeSession: sync.closeSession,
			log: log.child('http'),
			routes: [...channels.start(sync.hocuspocus), ...files.routes, ...webchat.routes]
		})
	);
	server.on('upgrade', (request, socket, head) => {
		if (!webchat.handleUpgrade(request, socket, head)) sync.handleUpgrade(request, socket, head);
	});

	let stopping = false;
	async function shutdown(signal: string) {
		if (stopping) return;
		stopping = true;
		log.info(`${signal}: shutting down`);
		setTimeout(() => {
			log.error(`shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms; exiting anyway`);
			process.exit(1);
		}, SHUTDOWN_TIMEOUT_MS).unref();
		server.close();
		server.closeIdleConnections();
		await snoozeExpiry.stop();
		await webchat.close();
		await channels.close();
		await sync.close();
		await storage.close();
		log.info('stopped');
		process.exit(0);
	}
	process.on('SIGTERM', () => void shutdown('SIGTERM'));
	process.on('SIGINT', () => void shutdown('SIGINT'));

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(config.port, config.host, resolve);
	});
	const { port } = server.address() as AddressInfo;
	void snoozeExpiry.start();
	log.info(`storage: ${storage.kind}${config.redisUrl ? ', redis fan-out on' : ''}`);
	// Tests and scripts wait for this exact line.
	console.log(`Switchboard listening on http://localhost:${port}`);
}

let config: Config;
try {
	config = loadConfig();
} catch (error) {
	console.error(error instanceof ConfigError ? error.message : error);
	process.exit(1);
}
main(config).catch((error: unknown) => {
	console.error('Switchboard failed to start:', error);
	process.exit(1);
});
