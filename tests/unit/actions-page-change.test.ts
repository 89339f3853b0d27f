import { describe, expect, it } from 'vitest';
import { recordPageChange } from '../../shared/actions/index.ts';
import { readEvents } from '../../shared/doc/index.ts';
import { systemActor } from '../../shared/schemas/index.ts';
import { T0, docsWithContact, testEnv } from '../helpers/factories.ts';

describe('recordPageChange', () => {
	it('keeps moves reported within one millisecond in order, and skips a repeat of the latest', () => {
		const docs = docsWithContact(testEnv());
		// Ids that sort backwards: without ordered timestamps the history would list these moves
		// by id, and the repeat check would compare with the wrong one.
		let next = 100;
		const sameMillisecond = { now: () => T0 + 5, newId: () => `page${next--}` };
		const pages = ['https://shop.test/', 'https://shop.test/cart', 'https://shop.test/cart', 'https://shop.test/checkout'];
		const written = pages.map((url) => recordPageChange(docs, { contactId: 'c1', url }, systemActor, sameMillisecond));
		expect(written.map((event) => event !== null)).toEqual([true, true, false, true]);
		const moves = readEvents(docs.contact).filter((event) => event.type === 'page_change');
		expect(moves.map((event) => event.data.url)).toEqual(['https://shop.test/', 'https://shop.test/cart', 'https://shop.test/checkout']);
		expect(moves.map((event) => event.at)).toEqual([T0 + 5, T0 + 6, T0 + 7]);
	});

	it('refuses anything but a web address', () => {
		const docs = docsWithContact(testEnv());
		expect(() => recordPageChange(docs, { contactId: 'c1', url: 'javascript:alert(1)' }, systemActor)).toThrow();
		expect(readEvents(docs.contact).filter((event) => event.type === 'page_change')).toEqual([]);
	});
});
