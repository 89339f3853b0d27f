// Folding an update log into one snapshot. Always through a Y.Doc with gc on, then a fresh
// encode: that drops deleted content. Never Y.mergeUpdates: it keeps deleted content, and
// crafted input makes it hang (yjs #687). Runs in the compaction worker, off the event loop.
import * as Y from 'yjs';

export type CompactedState = { state: Uint8Array; skippedUpdates: number };

export function compactState(snapshot: Uint8Array | null, updates: readonly Uint8Array[]): CompactedState {
	const doc = new Y.Doc({ gc: true });
	let skippedUpdates = 0;
	try {
		if (snapshot) Y.applyUpdate(doc, snapshot);
		for (const update of updates) {
			// Rows are written from Yjs's own 'update' events, so they decode; a row that
			// doesn't is kept out of the snapshot rather than losing the whole document.
			try {
				Y.applyUpdate(doc, update);
			} catch {
				skippedUpdates++;
			}
		}
		return { state: Y.encodeStateAsUpdate(doc), skippedUpdates };
	} finally {
		doc.destroy();
	}
}
