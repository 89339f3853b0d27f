// The SQLite storage: DATA_DIR/switchboard.db, one connection on the main thread and one in
// the compaction worker.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log.ts';
import { Compactor } from './compactor.ts';
import { createSqliteAccounts } from './sqlite-accounts.ts';
import { createSqliteChannels } from './sqlite-channels.ts';
import { createSqliteDocuments } from './sqlite-documents.ts';
import { createSqliteFiles } from './sqlite-files.ts';
import { openSqliteDatabase } from './sqlite-schema.ts';
import type { Storage } from './types.ts';

export const SQLITE_FILE_NAME = 'switchboard.db';

export type SqliteOptions = { dataDir: string; log: Logger; compactTestPauseMs?: number };

export function openSqliteStorage({ dataDir, log, compactTestPauseMs = 0 }: SqliteOptions): Storage {
	mkdirSync(dataDir, { recursive: true });
	const file = path.join(dataDir, SQLITE_FILE_NAME);
	const db = openSqliteDatabase(file);
	const compactor = new Compactor(log);
	return {
		kind: 'sqlite',
		...createSqliteAccounts(db),
		...createSqliteChannels(db),
		...createSqliteFiles(db),
		...createSqliteDocuments(db, file, compactor, compactTestPauseMs),
		async close() {
			await compactor.close();
			db.close();
		}
	};
}
