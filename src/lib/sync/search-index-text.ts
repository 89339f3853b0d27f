// Text matching shared by the message index and the contact search: both fold text the same
// way, so "jose" finds "José" and "CAFÉ" finds "café", and highlighting marks the same spans
// the search matched.

const MARKS = /\p{M}+/gu;
const WORD = /[\p{L}\p{N}]+/gu;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Lower case without accents, one UTF-16 unit out for each unit in: offsets into the folded
 * text are offsets into the original, which is what highlighting needs. A character whose
 * folding would change the length (rare: "İ", ligatures) is only lower-cased, or kept.
 */
export function fold(text: string): string {
	// Most text is ASCII: one call, and a flat string (a string built by `+=` is a rope in V8,
	// which every later `includes` on it would first have to flatten).
	if (!NON_ASCII.test(text)) return text.toLowerCase();
	const out: string[] = [];
	for (const char of text) {
		if (char.charCodeAt(0) < 128) {
			out.push(char.toLowerCase());
			continue;
		}
		const folded = char.normalize('NFD').replace(MARKS, '').toLowerCase();
		if (folded.length === char.length) out.push(folded);
		else {
			const lower = char.toLowerCase();
			out.push(lower.length === char.length ? lower : char);
		}
	}
	return out.join('');
}

/** The distinct folded words of a text: what the index stores and prefix-matches. */
export function wordsOf(text: string): string[] {
	return [...new Set(fold(text).match(WORD) ?? [])];
}

/**
 * The words a query looks for. A word that is the prefix of another query word adds nothing
 * (every text holding the longer one holds it too), so it is dropped.
 */
export function queryWords(query: string): string[] {
	const words = wordsOf(query);
	return words.filter((word) => !words.some((other) => other !== word && other.startsWith(word)));
}

export interface TextPart {
	text: string;
	match: boolean;
}

/**
 * Splits `text` into matched and unmatched parts. `words` are folded query words; a match is
 * a word of the text that starts with one of them, or, with `anywhere`, any occurrence (names
 * and e-mail addresses are matched inside words).
 */
export function highlightParts(text: string, words: readonly string[], anywhere = false): TextPart[] {
	if (words.length === 0 || text.length === 0) return [{ text, match: false }];
	const folded = fold(text);
	const marked = new Uint8Array(text.length);
	for (const word of words) {
		if (word.length === 0) continue;
		for (let at = folded.indexOf(word); at !== -1; at = folded.indexOf(word, at + 1)) {
			if (!anywhere && at > 0 && isWordChar(folded[at - 1] as string)) continue;
			marked.fill(1, at, at + word.length);
		}
	}
	return partsOf(text, marked);
}

/** Marks the digits of `text` (a phone number as written) that spell `digits` in a row. */
export function highlightDigits(text: string, digits: string): TextPart[] {
	const positions: number[] = [];
	let plain = '';
	for (let i = 0; i < text.length; i++) {
		const char = text[i] as string;
		if (char >= '0' && char <= '9') {
			positions.push(i);
			plain += char;
		}
	}
	const marked = new Uint8Array(text.length);
	if (digits.length > 0) {
		for (let at = plain.indexOf(digits); at !== -1; at = plain.indexOf(digits, at + 1)) {
			marked.fill(1, positions[at], (positions[at + digits.length - 1] as number) + 1);
		}
	}
	return partsOf(text, marked);
}

function partsOf(text: string, marked: Uint8Array): TextPart[] {
	const parts: TextPart[] = [];
	let start = 0;
	for (let i = 1; i <= text.length; i++) {
		if (i < text.length && marked[i] === marked[start]) continue;
		parts.push({ text: text.slice(start, i), match: marked[start] === 1 });
		start = i;
	}
	return parts;
}

function isWordChar(char: string): boolean {
	return /[\p{L}\p{N}]/u.test(char);
}

/**
 * A window of a long text around its first match, so a hit deep in a long message still shows
 * the matched word in a one-line preview.
 */
export function excerpt(text: string, words: readonly string[], width = 90): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	if (flat.length <= width) return flat;
	const folded = fold(flat);
	let first = -1;
	for (const word of words) {
		const at = folded.indexOf(word);
		if (at !== -1 && (first === -1 || at < first)) first = at;
	}
	if (first < width / 3) return flat.slice(0, width).trimEnd() + '…';
	const start = Math.max(0, first - Math.floor(width / 3));
	const end = Math.min(flat.length, start + width);
	return '…' + flat.slice(start, end).trim() + (end < flat.length ? '…' : '');
}
