// The Activity tab's pure parts: mentions typed and rendered, and the merged list of events
// and comments with readable lines for profile changes.
import { describe, expect, it } from 'vitest';
import {
	commentSegments,
	insertMention,
	matchMembers,
	mentionQueryAt,
	mentionsIn
} from '../../src/lib/stores/activity-mentions.ts';
import { activityItems, describeActivity } from '../../src/lib/stores/activity-timeline.ts';
import type { Comment, ConversationEvent, CustomField } from '../../shared/schemas/index.ts';

const BEN = { id: 'ben', name: 'Ben Okafor' };
const BENEDICT = { id: 'benedict', name: 'Benedict' };
const CARA = { id: 'cara', name: 'Cara Lind' };
const MEMBERS = [BEN, BENEDICT, CARA];

describe('typing a mention', () => {
	it('finds the @ being typed at the caret', () => {
		expect(mentionQueryAt('Hi @be', 6)).toEqual({ start: 3, query: 'be' });
		expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
		expect(mentionQueryAt('mail ana@example', 16)).toBeNull();
		expect(mentionQueryAt('@ben\nnext', 9)).toBeNull();
		expect(mentionQueryAt('@ ben', 5)).toBeNull();
	});

	it('matches names by their start or a word start', () => {
		expect(matchMembers(MEMBERS, 'ben').map((m) => m.id)).toEqual(['ben', 'benedict']);
		expect(matchMembers(MEMBERS, 'lin').map((m) => m.id)).toEqual(['cara']);
		expect(matchMembers(MEMBERS, '')).toHaveLength(3);
	});

	it('replaces the query with the full name and puts the caret after it', () => {
		const text = 'Ask @be about it';
		const query = mentionQueryAt(text, 7);
		if (!query) throw new Error('no query');
		expect(insertMention(text, query, 7, 'Ben Okafor')).toEqual({ text: 'Ask @Ben Okafor about it', caret: 16 });
	});
});

describe('mentions in a posted comment', () => {
	it('are the agents whose @Name is still in the text', () => {
		expect(mentionsIn('@Ben Okafor and @Cara Lind, see this', MEMBERS).sort()).toEqual(['ben', 'cara']);
		expect(mentionsIn('@Benedict only', MEMBERS)).toEqual(['benedict']);
		expect(mentionsIn('email ben@Ben Okafor', MEMBERS)).toEqual([]);
		expect(mentionsIn('no mentions', MEMBERS)).toEqual([]);
	});

	it('render highlighted, and only for agents the comment mentions', () => {
		expect(commentSegments('Hi @Ben Okafor, and @Cara Lind.', [BEN])).toEqual([
			{ text: 'Hi ' },
			{ text: '@Ben Okafor', mention: BEN },
			{ text: ', and @Cara Lind.' }
		]);
		expect(commentSegments('@Benedict', [BEN, BENEDICT])).toEqual([{ text: '@Benedict', mention: BENEDICT }]);
		expect(commentSegments('plain', [])).toEqual([{ text: 'plain' }]);
	});
});

describe('the activity list', () => {
	const user = { kind: 'user' as const, id: 'ana' };
	const event = (id: string, at: number, type: ConversationEvent['type'], data: ConversationEvent['data'] = {}): ConversationEvent => ({
		id,
		contactId: 'c',
		type,
		actor: user,
		at,
		data
	});
	const comment: Comment = { id: 'k', contactId: 'c', authorId: 'ana', text: 'note', mentions: [], at: 20 };
	const fields: CustomField[] = [{ id: 'plan', label: 'Plan', type: 'choice', options: ['Pro'], position: 1 }];
	const names = { me: 'me', member: (id: string) => (id === 'ana' ? 'Ana' : null), tag: () => null, workspaceName: 'Demo' };

	it('merges events and comments oldest first', () => {
		const items = activityItems([event('b', 30, 'marked_done'), event('a', 10, 'assigned', { assignee: 'ana' })], [comment]);
		expect(items.map((item) => `${item.kind}:${item.id}`)).toEqual(['event:a', 'comment:k', 'event:b']);
	});

	it('says which field changed, to what, and who did it', () => {
		expect(describeActivity(event('p', 1, 'profile_updated', { field: 'custom:plan', value: 'Pro' }), names, fields).text).toBe(
			'Plan set to “Pro” by Ana'
		);
		expect(describeActivity(event('q', 1, 'profile_updated', { field: 'email', value: null }), names, fields).text).toBe(
			'Email cleared by Ana'
		);
		expect(describeActivity(event('r', 1, 'profile_updated', { field: 'custom:gone', value: 'x' }), names, fields).text).toContain(
			'no longer exists'
		);
		expect(describeActivity(event('s', 1, 'marked_done'), names, fields).text).toBe('Marked done by Ana');
	});
});
