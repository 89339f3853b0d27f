import type * as Y from 'yjs';

// Applying a document's stored state without Yjs encoding it again for 'update' listeners.
// Hocuspocus's Document listens for updates from its constructor on, to broadcast them, so a
// load transaction would encode the whole loaded state as one update and copy it into a sync
// message for connections the document does not have yet. Measured on the index shards of a
// seeded workspace: about a quarter of the load time (111–133 ms with the listener, 93–104 ms
// without, for 3.3 MiB). Nothing else can be listening to a document that is still loading:
// our own listener (storage-extension.ts) attaches after the load hooks.

/** Runs `apply` as one transaction with `origin`, its update event skipped. */
export function applyQuietly(doc: Y.Doc, origin: unknown, apply: () => void): void {
	// lib0's Observable keeps its listeners in `_observers`; Yjs encodes a transaction's update
	// only when that map has 'update' listeners at the transaction's end.
	const observers = doc._observers;
	const listeners = observers.get('update');
	observers.delete('update');
	try {
		doc.transact(apply, origin);
	} finally {
		if (listeners) observers.set('update', listeners);
	}
}
