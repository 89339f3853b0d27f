import type { ContactSummary } from '$shared/schemas/index.ts';
import { fold, wordsOf } from '../sync/search-index-text.ts';

// Finding contacts in the list rows by name, phone, e-mail and tag, and by the words of their
// last message. Each row's folded texts are built once and cached by row object (rows are
// replaced when they change), so a keystroke over 50,000 contacts is one `includes` per query
// word per row. While the agent keeps typing, each query asks for less than the one before, so
// only the previous answer is searched again.

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
	/** Which word starts (first two letters, hashed to 64 bits) `last` has: see startBits. */
	startsLo: number;
	startsHi: number;
}

const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/**
 * A 64-bit sketch of the two-letter starts of some words: a word starting with "ma" sets the
 * bit of "ma". A message word query (two letters at least) can only match a last message whose
 * sketch has its bits, so a scan tests two integers before searching the text; with about ten
 * words in a message, roughly one row in five passes for a word start that is not there.
 */
function startBits(words: readonly string[]): [number, number] {
	let lo = 0;
	let hi = 0;
	for (const word of words) {
		if (word.length < 2) continue;
		const bit = (word.charCodeAt(0) * 31 + word.charCodeAt(1)) & 63;
		if (bit < 32) lo |= 1 << bit;
		else hi |= 1 << (bit - 32);
	}
	return [lo, hi];
}

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

/** An earlier answer, with the haystacks of what it found, to narrow from. */
interface Answer<Q, T> {
	items: readonly T[];
	query: Q;
	found: T[];
	hays: Haystack[];
}

function matchesHay(hay: Haystack, query: ContactQuery): boolean {
	if (query.digits && hay.digits.includes(query.digits)) return true;
	if (query.words.length === 0) return false;
	for (let w = 0; w < query.words.length; w++) if (!hay.text.includes(query.words[w] as string)) return false;
	return true;
}

/** Message words as a scan tests them: their sketch bits, and each after a space. */
interface StartsQuery {
	lo: number;
	hi: number;
	needles: string[];
}

function startsQuery(words: readonly string[]): StartsQuery {
	const [lo, hi] = startBits(words);
	return { lo, hi, needles: words.map((word) => ' ' + word) };
}

function lastHas(hay: Haystack, query: StartsQuery): boolean {
	if ((hay.startsLo & query.lo) !== query.lo || (hay.startsHi & query.hi) !== query.hi) return false;
	const needles = query.needles;
	for (let n = 0; n < needles.length; n++) if (!hay.last.includes(needles[n] as string)) return false;
	return true;
}

/**
 * Finds contacts among list items: rows, or anything holding one (`rowOf`), so a caller's
 * result items need not be rebuilt from rows on every keystroke. Scans read the haystacks
 * from an array beside the items, not from the per-row cache, and run cold (a search is rare
 * enough that the JIT has forgotten it): `warm` also runs one throwaway scan.
 */
export class ContactMatcher<T = ContactSummary> {
	readonly #rowOf: (item: T) => ContactSummary;
	#cache = new WeakMap<ContactSummary, Haystack>();
	#labels: ReadonlyMap<string, string> = new Map();
	#columns: { items: readonly T[]; hays: Haystack[] } | null = null;
	#lastFilter: Answer<ContactQuery, T> | null = null;
	#lastByLast: Answer<readonly string[], T> | null = null;

	constructor(rowOf: (item: T) => ContactSummary = (item) => item as ContactSummary) {
		this.#rowOf = rowOf;
	}

	/** Tag labels by key; a new catalogue rebuilds the cached texts. */
	setTagLabels(labels: ReadonlyMap<string, string>): void {
		if (labels === this.#labels) return;
		this.#labels = labels;
		this.#cache = new WeakMap();
		this.#columns = null;
		this.#lastFilter = null;
		this.#lastByLast = null;
	}

	/** The items whose name, e-mail, phone or tags match, in their order. */
	filter(items: readonly T[], query: ContactQuery): T[] {
		const last = this.#lastFilter;
		const from = last && last.items === items && narrows(last.query, query) ? last : null;
		this.#lastFilter = this.#scan(items, query, from, (hay) => matchesHay(hay, query));
		return this.#lastFilter.found;
	}

	/**
	 * Items whose last message (which the list row holds for every contact, opened or not) has
	 * every word starting one of its words: the same rule as the message index.
	 */
	filterByLast(items: readonly T[], words: readonly string[]): T[] {
		if (words.length === 0) return [];
		const last = this.#lastByLast;
		const from = last && last.items === items && narrowsWordStarts(last.query, words) ? last : null;
		const starts = startsQuery(words);
		this.#lastByLast = this.#scan(items, words, from, (hay) => lastHas(hay, starts));
		return this.#lastByLast.found;
	}

	/** The items (or, narrowing, those of an earlier answer) whose haystack passes `test`. */
	#scan<Q>(items: readonly T[], query: Q, from: Answer<unknown, T> | null, test: (hay: Haystack) => boolean): Answer<Q, T> {
		const [source, hays] = from ? [from.found, from.hays] : this.#all(items);
		const answer: Answer<Q, T> = { items, query, found: [], hays: [] };
		for (let i = 0; i < source.length; i++) {
			const hay = hays[i] as Haystack;
			if (test(hay)) {
				answer.found.push(source[i] as T);
				answer.hays.push(hay);
			}
		}
		return answer;
	}

	/**
	 * Builds the cached texts of items from `start` until `deadline()` says stop; returns where
	 * it stopped. Done in idle time before the first keystroke, so that one is not the slow one;
	 * the call that completes them also lays them out for scans and runs one.
	 */
	warm(items: readonly T[], start: number, deadline: () => boolean): number {
		let i = start;
		for (; i < items.length && !deadline(); i++) this.#haystack(this.#rowOf(items[i] as T));
		if (i === items.length) {
			const [, hays] = this.#all(items);
			for (let h = 0; h < hays.length; h++) {
				const hay = hays[h] as Haystack;
				matchesHay(hay, WARM_QUERY);
				lastHas(hay, WARM_STARTS);
			}
		}
		return i;
	}

	matches(row: ContactSummary, query: ContactQuery): boolean {
		return matchesHay(this.#haystack(row), query);
	}

	/** Every item with its haystack at the same position. */
	#all(items: readonly T[]): [readonly T[], Haystack[]] {
		if (this.#columns?.items !== items) {
			const hays = new Array<Haystack>(items.length);
			for (let i = 0; i < items.length; i++) hays[i] = this.#haystack(this.#rowOf(items[i] as T));
			this.#columns = { items, hays };
		}
		return [items, this.#columns.hays];
	}

	#haystack(row: ContactSummary): Haystack {
		let hay = this.#cache.get(row);
		if (!hay) {
			const tags = row.tags.map((key) => this.#labels.get(key) ?? key).join(' ');
			const last = row.last ? ' ' + fold(row.last.text).replace(NOT_WORD, ' ') : '';
			const [startsLo, startsHi] = startBits(last.split(' '));
			hay = {
				text: fold([row.name, row.email ?? '', row.phone ?? '', tags].join('\n')),
				digits: row.phone ? row.phone.replace(/\D/g, '') : '',
				last,
				startsLo,
				startsHi
			};
			this.#cache.set(row, hay);
		}
		return hay;
	}
}

/** Matches nothing real: the warm-up scan only exercises the code. */
const WARM_QUERY: ContactQuery = { words: ['\u0000warm'], digits: '' };
const WARM_STARTS = startsQuery(['\u0000warm']);
