import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyQuietly } from '../../server/sync/quiet-load.ts';

// A load applies stored state without an update event (nobody is connected yet), and leaves
// the document's listeners in place for what comes after.

describe('applyQuietly', () => {
	it('applies the state with its origin, fires no update event, and keeps the listeners', () => {
		const source = new Y.Doc();
		source.getMap('m').set('a', 1);
		source.getMap('m').set('b', 'two');
		const doc = new Y.Doc();
		const updates: unknown[] = [];
		const origins: unknown[] = [];
		doc.on('update', (_update: Uint8Array, origin: unknown) => updates.push(origin));
		doc.on('afterTransaction', (transaction: Y.Transaction) => origins.push(transaction.origin));

		applyQuietly(doc, 'load', () => Y.applyUpdate(doc, Y.encodeStateAsUpdate(source)));
		expect(doc.getMap('m').toJSON()).toEqual({ a: 1, b: 'two' });
		expect(updates).toEqual([]);
		expect(origins).toEqual(['load']);

		doc.transact(() => doc.getMap('m').set('c', true), 'client');
		expect(updates).toEqual(['client']);
	});

	it('puts the listeners back when applying throws', () => {
		const doc = new Y.Doc();
		let seen = 0;
		doc.on('update', () => seen++);
		expect(() =>
			applyQuietly(doc, 'load', () => {
				throw new Error('corrupt');
			})
		).toThrow('corrupt');
		doc.getMap('m').set('x', 1);
		expect(seen).toBe(1);
	});
});
