// How server-side writers (channels, delivery status, snooze expiry, automations, the REST
// API) change documents: through Hocuspocus direct connections, so a change is appended,
// broadcast and fanned out exactly like a client's. Hocuspocus's own `transact` neither wraps
// a Yjs transaction nor disconnects (leaks: hocuspocus #709, #846); these helpers do both.
import type { Hocuspocus } from '@hocuspocus/server';
import type * as Y from 'yjs';
import { parseDocName } from '../../shared/doc/names.ts';
import { serverOrigin, type ServerWriter } from './origins.ts';

/**
 * Opens the named documents, runs `fn` inside one Yjs transaction per document (origin: the
 * writer), and always disconnects. Shared actions called inside join these transactions, so
 * each document gets one update, appended to its log before this resolves. Actions that
 * touch several documents (index + contact) take them all in one call:
 *
 *   await withDirectConnections(hocuspocus, { index, contact }, (docs) => markDone(docs, …), 'api')
 */
export async function withDirectConnections<K extends string, T>(
	hocuspocus: Hocuspocus,
	names: Record<K, string>,
	fn: (docs: Record<K, Y.Doc>) => T,
	writer: ServerWriter = 'system'
): Promise<T> {
	const entries = Object.entries(names) as Array<[K, string]>;
	for (const [, name] of entries) {
		if (!parseDocName(name)) throw new Error(`not a document name: ${JSON.stringify(name)}`);
	}
	const opened = await Promise.allSettled(entries.map(([, name]) => hocuspocus.openDirectConnection(name, { writer })));
	const connections = opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
	try {
		const failed = opened.find((result) => result.status === 'rejected');
		if (failed) throw failed.reason;
		const docs = {} as Record<K, Y.Doc>;
		entries.forEach(([key], i) => {
			const document = connections[i]?.document;
			if (!document) throw new Error(`direct connection to ${names[key]} has no document`);
			docs[key] = document;
		});
		const origin = serverOrigin(writer);
		// Nest one transaction per document around `fn`; each commits (and is appended) as
		// its callback returns.
		const run = (i: number): T => {
			const entry = entries[i];
			return entry ? docs[entry[0]].transact(() => run(i + 1), origin) : fn(docs);
		};
		return run(0);
	} finally {
		// disconnect() runs the store hooks (compaction scheduling) and unloads the document
		// when nobody else has it open.
		await Promise.allSettled(connections.map((connection) => connection.disconnect()));
	}
}

/** `withDirectConnections` for one document. */
export async function withDirectConnection<T>(
	hocuspocus: Hocuspocus,
	name: string,
	fn: (doc: Y.Doc) => T,
	writer: ServerWriter = 'system'
): Promise<T> {
	return withDirectConnections(hocuspocus, { doc: name }, ({ doc }) => fn(doc), writer);
}
