import type { ContactSummary } from '$shared/schemas/index.ts';
import { fold, wordsOf } from '../sync/search-index-text.ts';

// Finding contacts in the list rows by name, phone, e-mail and tag. Each row's folded text is
// built once and cached by row object (rows are replaced when they change), so a keystroke
// over 50,000 contacts is one `includes` per query word per row.

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

export class ContactMatcher {
	#cache = new WeakMap<ContactSummary, Haystack>();
	#labels: ReadonlyMap<string, string> = new Map();

	/** Tag labels by key; a new catalogue rebuilds the cached texts. */
	setTagLabels(labels: ReadonlyMap<string, string>): void {
		if (labels === this.#labels) return;
		this.#labels = labels;
		this.#cache = new WeakMap();
	}

	/** The rows that match, in their order. */
	filter(rows: readonly ContactSummary[], query: ContactQuery): ContactSummary[] {
		const out: ContactSummary[] = [];
		for (let i = 0; i < rows.length; i++) {
			const row = rows[i] as ContactSummary;
			if (this.matches(row, query)) out.push(row);
		}
		return out;
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
		const out: ContactSummary[] = [];
		if (words.length === 0) return out;
		const needles = words.map((word) => ' ' + word);
		for (let i = 0; i < rows.length; i++) {
			const row = rows[i] as ContactSummary;
			if (row.last === null) continue;
			const last = this.#haystack(row).last;
			if (needles.every((needle) => last.includes(needle))) out.push(row);
		}
		return out;
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
