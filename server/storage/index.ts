// Picks the storage from the configuration: PostgreSQL when DATABASE_URL is set, else the
// SQLite file in DATA_DIR.
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { openPostgresStorage } from './postgres.ts';
import { openSqliteStorage } from './sqlite.ts';
import type { Storage } from './types.ts';

export type { Storage } from './types.ts';

export async function openStorage(config: Config, log: Logger): Promise<Storage> {
	if (config.databaseUrl) return openPostgresStorage({ databaseUrl: config.databaseUrl, log });
	return openSqliteStorage({ dataDir: config.dataDir, log, compactTestPauseMs: config.compactTestPauseMs });
}
