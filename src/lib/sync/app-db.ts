import { openDb, type SwitchboardDb } from './db.ts';

let db: SwitchboardDb | null = null;

/** The browser's one database, opened on first use. */
export function appDb(): SwitchboardDb {
	db ??= openDb();
	return db;
}
