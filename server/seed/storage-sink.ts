import * as Y from 'yjs';
import type { DocumentStore } from '../storage/types';
import type { DocSink } from './generate';

// Writes seeded documents through the storage interface: each document's full state as one
// V1 update in its log, which is exactly what a store loads (snapshot + updates), and what
// compaction later folds into a snapshot like any other update.

export interface SinkTotals {
	documents: number;
	bytes: number;
}

/**
 * A sink that keeps at most `batchSize` encoded states waiting. SQLite appends synchronously
 * (each append is its own commit); PostgreSQL appends return promises, which are awaited a
 * batch at a time so the generator never runs far ahead of the database.
 */
export function storageSink(store: DocumentStore, batchSize = 256): { sink: DocSink; flush: () => Promise<void>; totals: SinkTotals } {
	const totals: SinkTotals = { documents: 0, bytes: 0 };
	let pending: Promise<void>[] = [];
	const flush = async () => {
		const waiting = pending;
		pending = [];
		await Promise.all(waiting);
	};
	const sink: DocSink = async (name, doc) => {
		const state = Y.encodeStateAsUpdate(doc);
		totals.documents++;
		totals.bytes += state.byteLength;
		const written = store.appendUpdate(name, state);
		if (written) pending.push(written);
		if (pending.length >= batchSize) await flush();
	};
	return { sink, flush, totals };
}
