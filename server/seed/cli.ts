// `npm run seed`: writes a seeded workspace into an empty database, printing progress and
// timings. Used for the large benchmark workspace (`--contacts 50000`); the server seeds the
// 300-contact demo by itself on its first start.
import { loadConfig } from '../config';
import { createLogger } from '../log';
import { openStorage } from '../storage/index';
import { parseSeedArgs, USAGE } from './args';
import { seedDemoWorkspace } from './demo';

async function main(): Promise<void> {
	const args = parseSeedArgs(process.argv.slice(2));
	if (args.help) {
		console.log(USAGE);
		return;
	}
	const config = loadConfig(args.dataDir ? { ...process.env, DATA_DIR: args.dataDir } : process.env);
	const log = createLogger('seed');
	const storage = await openStorage(config, log.child('storage'));
	try {
		if ((await storage.listDocuments()).length > 0 || (await storage.countUsers()) > 0) {
			throw new Error(`${config.databaseUrl ? 'the database' : config.dataDir} is not empty: seed into a fresh one`);
		}
		log.info(`seeding ${args.contacts} contacts into ${config.databaseUrl ? 'PostgreSQL' : config.dataDir}`);
		const started = performance.now();
		const result = await seedDemoWorkspace(storage, (line) => log.info(line), {
			contacts: args.contacts,
			seed: args.seed,
			agents: args.agents,
			serverDownMs: args.serverDownHours === undefined ? undefined : args.serverDownHours * 3600_000,
			onProgress: (done) => {
				if (done % 5000 === 0 || done === args.contacts) {
					const seconds = (performance.now() - started) / 1000;
					log.info(`${done} / ${args.contacts} contacts, ${seconds.toFixed(1)} s`);
				}
			}
		});
		log.info(`workspace ${result.workspaceId} ready in ${(result.ms / 1000).toFixed(2)} s`);
	} finally {
		await storage.close();
	}
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
