import type { ContactSummary } from '$shared/schemas/index.ts';
import { fold, wordsOf } from '../sync/search-index-text.ts';

// Finding contacts in the list rows by name, phone, e-mail and tag. Each row's folded text is
// built once and cached by row object (rows are replaced when they change), so a keystroke
// over 50,000 contacts is one `includes` per query word per row. While the agent keeps typing,
// each query asks for less than the one before, so only the previous answer is searched again.

export interface ContactQuery {
	/** Folded words; each must occur in the row's text (anywhere, not only at word starts). */
	words: string[];
	/** The query's digits when it reads as a phone number (3+ digits, only phone punctuation). */
	digits: string;
}

const PHONE_LIKE = /^[\d\s+().-]+$/;

export function parseContactQuery(query: string): ContactQuery | null {
	const trimmed = query.trim();
	if (trimmed.length === 0) return null;
	const digits = PHONE_LIKE.test(trimmed) ? trimmed.replace(/\D/g, '') : '';
	return { words: wordsOf(trimmed), digits: digits.length >= 3 ? digits : '' };
}

interface Haystack {
	text: string;
	digits: string;
	/** The list's last message as folded words, each after a space: ' seu pedido 92603'. */
	last: string;
}

const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/**
 * Whether every row matching `next` also matches `previous`, so `next` may search only the
 * rows `previous` found: each earlier word lies inside a later one (typing on, or adding a
 * word), and a phone-number match of `next` is one of `previous` too.
 */
export function narrows(previous: ContactQuery, next: ContactQuery): boolean {
	if (previous.words.length === 0) return false;
	if (next.digits && !(previous.digits && next.digits.includes(previous.digits))) return false;
	return previous.words.every((word) => next.words.some((other) => other.includes(word)));
}

/** The same for message words, which match at word starts: each earlier one starts a later one. */
export function narrowsWordStarts(previous: readonly string[], next: readonly string[]): boolean {
	if (previous.length === 0) return false;
	return previous.every((word) => next.some((other) => other.startsWith(word)));
}

interface Answer<Q> {
	rows: readonly ContactSummary[];
	query: Q;
	found: ContactSummary[];
}

export class ContactMatcher {
	#cache = new WeakMap<ContactSummary, Haystack>();
	#labels: ReadonlyMap<string, string> = new Map();
	#lastFilter: Answer<ContactQuery> | null = null;
	#lastByLast: Answer<readonly string[]> | null = null;

	/** Tag labels by key; a new catalogue rebuilds the cached texts. */
	setTagLabels(labels: ReadonlyMap<string, string>): void {
		if (labels === this.#labels) return;
		this.#labels = labels;
		this.#cache = new WeakMap();
		this.#lastFilter = null;
		this.#lastByLast = null;
	}

	/** The rows that match, in their order. */
	filter(rows: readonly ContactSummary[], query: ContactQuery): ContactSummary[] {
		const last = this.#lastFilter;
		const source = last && last.rows === rows && narrows(last.query, query) ? last.found : rows;
		const found: ContactSummary[] = [];
		for (let i = 0; i < source.length; i++) {
			const row = source[i] as ContactSummary;
			if (this.matches(row, query)) found.push(row);
		}
		this.#lastFilter = { rows, query, found };
		return found;
	}

	/**
	 * Builds the cached texts of rows from `start` until `deadline()` says stop; returns where
	 * it stopped. Done in idle time before the first keystroke, so that one is not the slow one.
	 */
	warm(rows: readonly ContactSummary[], start: number, deadline: () => boolean): number {
		let i = start;
		for (; i < rows.length && !deadline(); i++) this.#haystack(rows[i] as ContactSummary);
		return i;
	}

	/**
	 * Rows whose last message (which the list row holds for every contact, opened or not) has
	 * every word starting one of its words: the same rule as the message index.
	 */
	filterByLast(rows: readonly ContactSummary[], words: readonly string[]): ContactSummary[] {
		const found: ContactSummary[] = [];
		if (words.length === 0) return found;
		const last = this.#lastByLast;
		const source = last && last.rows === rows && narrowsWordStarts(last.query, words) ? last.found : rows;
		const needles = words.map((word) => ' ' + word);
		for (let i = 0; i < source.length; i++) {
			const row = source[i] as ContactSummary;
			if (row.last === null) continue;
			const text = this.#haystack(row).last;
			if (needles.every((needle) => text.includes(needle))) found.push(row);
		}
		this.#lastByLast = { rows, query: words, found };
		return found;
	}

	matches(row: ContactSummary, query: ContactQuery): boolean {
		const hay = this.#haystack(row);
		if (query.digits && hay.digits.includes(query.digits)) return true;
		if (query.words.length === 0) return false;
		for (const word of query.words) if (!hay.text.includes(word)) return false;
		return true;
	}

	#haystack(row: ContactSummary): Haystack {
		let hay = this.#cache.get(row);
		if (!hay) {
			const tags = row.tags.map((key) => this.#labels.get(key) ?? key).join(' ');
			hay = {
				text: fold([row.name, row.email ?? '', row.phone ?? '', tags].join('\n')),
				digits: row.phone ? row.phone.replace(/\D/g, '') : '',
				last: row.last ? ' ' + fold(row.last.text).replace(NOT_WORD, ' ') : ''
			};
			this.#cache.set(row, hay);
		}
		return hay;
	}
}
