// Reading wake-up times out of index shards: once from storage when the server starts (so
// snoozes set while it was down, or before a restart, still end), and from a loaded shard's
// `snoozedUntil` map. Only that one flat map is read; contact documents are never opened.
import * as Y from 'yjs';
import { readTimeField } from '../../shared/doc/index-fields.ts';
import { indexMaps, parseDocName } from '../../shared/doc/index.ts';
import type { Storage } from '../storage/types.ts';

export type SnoozeVisitor = (workspaceId: string, contactId: string, until: number | null) => void;

/** Every contact key of one shard's `snoozedUntil` map, with its time or null when cleared. */
export function readShardSnoozes(doc: Y.Doc, workspaceId: string, visit: SnoozeVisitor): void {
	const snoozedUntil = indexMaps(doc).snoozedUntil;
	for (const contactId of snoozedUntil.keys()) {
		if (contactId === '__proto__') continue;
		visit(workspaceId, contactId, readTimeField(snoozedUntil, 'snoozedUntil', contactId));
	}
}

/**
 * Reads every stored index shard that Hocuspocus has not loaded (a loaded one is read, and
 * observed, as it loads). One shard at a time, so a large database never sits in memory whole.
 */
export async function scanStoredSnoozes(
	storage: Storage,
	isLoaded: (name: string) => boolean,
	visit: SnoozeVisitor,
	stopped: () => boolean
): Promise<number> {
	let shards = 0;
	for (const name of await storage.listDocuments()) {
		if (stopped()) break;
		const parsed = parseDocName(name);
		if (parsed?.kind !== 'index' || isLoaded(name)) continue;
		const stored = await storage.loadDocument(name);
		const doc = new Y.Doc({ gc: true });
		try {
			if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
			for (const update of stored.updates) {
				// The storage extension skips (and logs) undecodable rows the same way when it loads.
				try {
					Y.applyUpdate(doc, update);
				} catch {
					continue;
				}
			}
			readShardSnoozes(doc, parsed.workspaceId, visit);
			shards++;
		} finally {
			doc.destroy();
		}
	}
	return shards;
}
