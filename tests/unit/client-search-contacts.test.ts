import { describe, expect, it } from 'vitest';
import type { ContactSummary } from '../../shared/schemas/index.ts';
import { queryWords, wordsOf } from '../../src/lib/sync/search-index-text.ts';
import { ContactMatcher, narrows, narrowsWordStarts, parseContactQuery } from '../../src/lib/stores/search-contacts.ts';
import { SeededRandom } from '../helpers/seeded-random.ts';

// Contact search narrows the previous answer while the agent types on. Every answer must be
// exactly what a search of all rows gives, whatever was typed before it.

const NAMES = ['María López', 'Jose Ángel', 'Ana Maria', 'Ben Marsh', 'Zoë Ortiz', 'Lopez Marín'];
const TAGS = new Map([
	['vip', 'VIP'],
	['refund', 'Refund request']
]);
const TEXTS = ['Your order 4512 shipped', 'refund please', 'Order status?', 'olá, pedido 4490', 'marine blue'];

function rowsFrom(random: SeededRandom, count: number): ContactSummary[] {
	return Array.from({ length: count }, (_, i) => ({
		id: `c${String(i).padStart(15, '0')}`,
		name: `${random.pick(NAMES)} ${random.word(4)}`,
		channel: 'whatsapp',
		phone: random.bool(0.7) ? random.pick(['+34 6', '(34) 6', '+3-4-6', '+1 55']) + String(random.range(10_000, 99_999)) : null,
		email: random.bool(0.5) ? `${random.word(5)}@mail.test` : null,
		avatarUrl: null,
		createdAt: 0,
		status: 'open',
		assignee: null,
		snoozedUntil: null,
		tags: random.bool(0.3) ? [random.pick(['vip', 'refund'])] : [],
		last: random.bool(0.9)
			? { messageId: `m${String(i).padStart(15, '0')}`, at: i, direction: 'in', text: random.pick(TEXTS) }
			: null,
		incoming: 0
	}));
}

/** The rule itself, with none of the matcher's shortcuts: every word starts a word of the last message. */
function lastMatchesPlainly(rows: ContactSummary[], words: string[]): ContactSummary[] {
	if (words.length === 0) return [];
	return rows.filter((row) => {
		const own = row.last ? wordsOf(row.last.text) : [];
		return row.last !== null && words.every((word) => own.some((candidate) => candidate.startsWith(word)));
	});
}

/** A fresh matcher has no previous answer: it searches every row. */
function scanAll(rows: ContactSummary[], text: string) {
	const query = parseContactQuery(text);
	const matcher = new ContactMatcher();
	matcher.setTagLabels(TAGS);
	const words = queryWords(text).filter((word) => word.length >= 2);
	return { contacts: query ? matcher.filter(rows, query) : [], byLast: matcher.filterByLast(rows, words) };
}

describe('contact search while typing', () => {
	it('gives every keystroke of typed, extended and edited queries the answer of a full search', () => {
		const random = new SeededRandom(11);
		const rows = rowsFrom(random, 400);
		const typed = ['maria lopez', '+34 6', '(34) 61', '+3-4-6', 'order 45', 'refund req', 'jose ang', 'mar', 'zoe'];
		const matcher = new ContactMatcher();
		matcher.setTagLabels(TAGS);
		let checked = 0;
		for (const target of typed) {
			// Type it, then delete back a few characters and type something else on.
			const steps = [...Array.from({ length: target.length }, (_, n) => target.slice(0, n + 1))];
			const back = target.slice(0, Math.max(1, target.length - 3));
			steps.push(back, back + 'i', back + 'in');
			for (const text of steps) {
				const query = parseContactQuery(text);
				const words = queryWords(text).filter((word) => word.length >= 2);
				const expected = scanAll(rows, text);
				expect(query ? matcher.filter(rows, query) : [], text).toEqual(expected.contacts);
				expect(matcher.filterByLast(rows, words), text).toEqual(expected.byLast);
				expect(expected.byLast, text).toEqual(lastMatchesPlainly(rows, words));
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(80);
		// The queries did find things, so the comparison above compared something.
		expect(scanAll(rows, 'maria').contacts.length).toBeGreaterThan(10);
		expect(scanAll(rows, '+34 6').contacts.length).toBeGreaterThan(10);
		expect(scanAll(rows, 'order 45').byLast.length).toBeGreaterThan(10);
	});

	it('searches all rows again when the rows or the tag labels change', () => {
		const random = new SeededRandom(5);
		const rows = rowsFrom(random, 200);
		const matcher = new ContactMatcher();
		matcher.setTagLabels(TAGS);
		const before = matcher.filter(rows, parseContactQuery('vi')!);
		const renamed = rows.map((row, i) => (i % 3 === 0 ? { ...row, name: 'Vivian Vale' } : row));
		const after = matcher.filter(renamed, parseContactQuery('viv')!);
		expect(after.length).toBeGreaterThan(before.filter((row) => /viv/i.test(row.name)).length);
		expect(after).toEqual(scanAll(renamed, 'viv').contacts);
		matcher.setTagLabels(new Map([['vip', 'Vivid']]));
		expect(matcher.filter(renamed, parseContactQuery('vivid')!)).toEqual(
			renamed.filter((row) => row.tags.includes('vip'))
		);
	});

	it('narrows only when the new query asks for less', () => {
		const q = (text: string) => parseContactQuery(text)!;
		expect(narrows(q('mar'), q('mari'))).toBe(true);
		expect(narrows(q('mar'), q('maria lo'))).toBe(true);
		expect(narrows(q('maria'), q('mari'))).toBe(false);
		// Two digits search words only; the third makes it a phone number, matched in digits.
		expect(narrows(q('+34'), q('+34 6'))).toBe(false);
		expect(narrows(q('+34 6'), q('+34 61'))).toBe(true);
		expect(narrows(q('+'), q('+3'))).toBe(false);
		expect(narrowsWordStarts(['or'], ['order', '45'])).toBe(true);
		expect(narrowsWordStarts(['der'], ['order'])).toBe(false);
		expect(narrowsWordStarts([], ['order'])).toBe(false);
	});
});
