// The PostgreSQL storage, used when DATABASE_URL is set.
import { userInfo } from 'node:os';
import pg from 'pg';
import type { Logger } from '../log.ts';
import { Compactor } from './compactor.ts';
import { createPostgresAccounts } from './postgres-accounts.ts';
import { createPostgresChannels } from './postgres-channels.ts';
import { createPostgresDocuments } from './postgres-documents.ts';
import { createPostgresFiles } from './postgres-files.ts';
import { migratePostgres } from './postgres-schema.ts';
import type { Storage } from './types.ts';

export type PostgresOptions = { databaseUrl: string; log: Logger };

/** Like libpq: without a user in the URL, PGUSER or the operating system's user name. */
function withDefaultUser(databaseUrl: string): string {
	const url = new URL(databaseUrl);
	if (!url.username) url.username = process.env.PGUSER ?? userInfo().username;
	return url.href;
}

export async function openPostgresStorage({ databaseUrl, log }: PostgresOptions): Promise<Storage> {
	const pool = new pg.Pool({ connectionString: withDefaultUser(databaseUrl), max: 10 });
	// An idle client losing its connection emits on the pool; unhandled, that kills the process.
	pool.on('error', (error) => log.error('postgres pool error', error));
	try {
		await migratePostgres(pool);
	} catch (error) {
		await pool.end();
		throw error;
	}
	const compactor = new Compactor(log);
	const documents = createPostgresDocuments(pool, compactor);
	return {
		kind: 'postgres',
		...createPostgresAccounts(pool),
		...createPostgresChannels(pool),
		...createPostgresFiles(pool),
		...documents,
		async close() {
			await documents.flush();
			await compactor.close();
			await pool.end();
		}
	};
}
