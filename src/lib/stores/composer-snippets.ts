import type { Snippet } from '$shared/schemas/index.ts';

// Snippets in the composer: typing `/` at the start of a word opens a picker of the workspace's
// snippets, filtered by what follows the slash; picking one replaces `/query` with its text.

export interface SnippetQuery {
	/** Where the `/` is. */
	start: number;
	/** The caret: the query runs from start + 1 to here. */
	end: number;
	query: string;
}

const SHORTCUT_CHAR = /[a-z0-9_-]/i;

/** The `/query` the caret is at the end of, or null. A slash inside a word (a URL, 1/2) is not one. */
export function snippetQueryAt(text: string, caret: number): SnippetQuery | null {
	let i = caret - 1;
	while (i >= 0 && SHORTCUT_CHAR.test(text[i] as string)) i--;
	if (i < 0 || text[i] !== '/') return null;
	if (i > 0 && !/\s/.test(text[i - 1] as string)) return null;
	if (caret - i - 1 > 32) return null;
	return { start: i, end: caret, query: text.slice(i + 1, caret).toLowerCase() };
}

/** Shortcuts starting with the query first, then shortcuts containing it, then texts containing it. */
export function matchSnippets(snippets: readonly Snippet[], query: string, limit = 8): Snippet[] {
	const q = query.toLowerCase();
	const starts: Snippet[] = [];
	const contains: Snippet[] = [];
	const inText: Snippet[] = [];
	for (const snippet of snippets) {
		if (snippet.shortcut.startsWith(q)) starts.push(snippet);
		else if (snippet.shortcut.includes(q)) contains.push(snippet);
		else if (q.length > 1 && snippet.text.toLowerCase().includes(q)) inText.push(snippet);
	}
	return [...starts, ...contains, ...inText].slice(0, limit);
}

/** Replaces text[start, end) and says where the caret goes (after the insertion). */
export function replaceRange(text: string, start: number, end: number, insert: string): { text: string; caret: number } {
	return { text: text.slice(0, start) + insert + text.slice(end), caret: start + insert.length };
}
