// @mentions in internal comments. The text keeps the readable "@Ben Okafor"; the comment
// record carries the mentioned agents' user ids, so a renamed agent stays mentioned and
// notifications can be found by id. Pure functions over text and the member list.

export interface Mentionable {
	id: string;
	name: string;
}

export interface MentionQuery {
	/** Index of the `@`. */
	start: number;
	/** What was typed after it, up to the caret. */
	query: string;
}

export interface Segment {
	text: string;
	/** Set when this piece of text is a mention of that agent. */
	mention?: Mentionable;
}

/**
 * The mention being typed at the caret: an `@` at the start or after whitespace, followed by
 * at most 30 characters without a line break. Spaces are allowed, since names have them.
 */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
	const before = text.slice(0, caret);
	const at = before.lastIndexOf('@');
	if (at === -1) return null;
	if (at > 0 && !/\s/.test(before[at - 1] ?? '')) return null;
	const query = before.slice(at + 1);
	if (query.length > 30 || /[\n@]/.test(query) || /^\s/.test(query)) return null;
	return { start: at, query };
}

/** Members whose name starts with the query, or has a word starting with it. */
export function matchMembers<T extends Mentionable>(members: readonly T[], query: string, limit = 8): T[] {
	const q = query.trim().toLowerCase();
	const words = (name: string) => name.toLowerCase().split(/\s+/);
	return members
		.filter((member) => q === '' || member.name.toLowerCase().startsWith(q) || words(member.name).some((w) => w.startsWith(q)))
		.slice(0, limit);
}

/** Replaces the query being typed with "@Name " and puts the caret after it. */
export function insertMention(text: string, query: MentionQuery, caret: number, name: string): { text: string; caret: number } {
	const inserted = `@${name} `;
	const after = text.slice(caret).replace(/^ /, '');
	return { text: text.slice(0, query.start) + inserted + after, caret: query.start + inserted.length };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "@Name" not followed by more of a word, so "@Ben" does not match inside "@Benedict". */
function mentionPattern(members: readonly Mentionable[]): RegExp | null {
	const names = [...new Set(members.map((member) => member.name))].filter(Boolean).sort((a, b) => b.length - a.length);
	if (names.length === 0) return null;
	return new RegExp(`(^|\\s)@(${names.map(escape).join('|')})(?![\\p{L}\\p{N}_])`, 'gu');
}

/** The ids of the members mentioned in the text as it is now (a deleted mention drops out). */
export function mentionsIn(text: string, members: readonly Mentionable[]): string[] {
	const pattern = mentionPattern(members);
	if (!pattern) return [];
	const ids = new Set<string>();
	for (const match of text.matchAll(pattern)) {
		for (const member of members) if (member.name === match[2]) ids.add(member.id);
	}
	return [...ids];
}

/** Splits a comment into plain text and highlighted mentions of the agents it mentions. */
export function commentSegments(text: string, mentioned: readonly Mentionable[]): Segment[] {
	const pattern = mentionPattern(mentioned);
	if (!pattern) return [{ text }];
	const segments: Segment[] = [];
	let last = 0;
	for (const match of text.matchAll(pattern)) {
		const lead = match[1] ?? '';
		const start = (match.index ?? 0) + lead.length;
		const mention = mentioned.find((member) => member.name === match[2]);
		if (start > last) segments.push({ text: text.slice(last, start) });
		segments.push({ text: `@${match[2]}`, mention });
		last = start + 1 + (match[2]?.length ?? 0);
	}
	if (last < text.length) segments.push({ text: text.slice(last) });
	return segments;
}
