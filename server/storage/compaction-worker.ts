// Entry of the compaction worker thread. Compaction decodes and re-encodes whole documents
// (hundreds of milliseconds for a large one), so it never runs on the event loop that
// answers sockets. Started by compactor.ts; one task at a time, in arrival order.
import { parentPort } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { compactState } from './compaction.ts';
import type { WorkerReply, WorkerRequest } from './compaction-protocol.ts';
import { compactSqliteDocument } from './sqlite-compaction.ts';
import { openSqliteDatabase } from './sqlite-schema.ts';

const port = parentPort;
if (!port) throw new Error('compaction-worker.ts must run in a worker thread');

const databases = new Map<string, Database.Database>();
const reply = (message: WorkerReply) => port.postMessage(message);
const log = (message: string) => reply({ type: 'log', message });

function database(file: string): Database.Database {
	let db = databases.get(file);
	if (!db) {
		db = openSqliteDatabase(file);
		databases.set(file, db);
	}
	return db;
}

port.on('message', ({ id, task }: WorkerRequest) => {
	try {
		const result =
			task.kind === 'sqlite'
				? compactSqliteDocument(database(task.file), task.name, { pauseMs: task.pauseMs, log })
				: compactState(task.snapshot, task.updates);
		reply({ type: 'done', id, result });
	} catch (error) {
		reply({ type: 'failed', id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
	}
});

port.on('close', () => {
	for (const db of databases.values()) db.close();
});
