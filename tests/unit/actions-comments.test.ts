import { describe, expect, it } from 'vitest';
import { ActionInputError, addComment } from '../../shared/actions/index.ts';
import { readComments, readEvents } from '../../shared/doc/index.ts';
import { userActor } from '../../shared/schemas/index.ts';
import { ana, docsWithContact, stateOf, T0, testEnv } from '../helpers/factories.ts';

describe('addComment', () => {
	it('writes a comment record by the actor, without an event', () => {
		const env = testEnv();
		const docs = docsWithContact(env);
		const { comment, created } = addComment(docs, { contactId: 'c1', text: 'call back', mentions: ['ben', 'ben'] }, ana, env);
		expect(created).toBe(true);
		expect(comment).toEqual({ id: 'id0002', contactId: 'c1', authorId: 'ana', text: 'call back', mentions: ['ben'], at: T0 });
		expect(readComments(docs.contact)).toEqual([comment]);
		expect(readEvents(docs.contact).map((e) => e.type)).toEqual(['contact_created']);
	});

	it('is idempotent on a client-made id', () => {
		const docs = docsWithContact();
		addComment(docs, { contactId: 'c1', commentId: 'k1', text: 'first' }, ana);
		const before = stateOf(docs);
		const again = addComment(docs, { contactId: 'c1', commentId: 'k1', text: 'first' }, ana);
		expect(again.created).toBe(false);
		expect(stateOf(docs)).toBe(before);
		expect(readComments(docs.contact)).toHaveLength(1);
	});

	it('refuses empty text, bad mentions and an actor id that is no valid id', () => {
		const docs = docsWithContact();
		const before = stateOf(docs);
		expect(() => addComment(docs, { contactId: 'c1', text: '' }, ana)).toThrow(ActionInputError);
		expect(() => addComment(docs, { contactId: 'c1', text: 'x', mentions: ['a b'] }, ana)).toThrow(ActionInputError);
		expect(() => addComment(docs, { contactId: 'c1', text: 'x' }, userActor('has space'))).toThrow(ActionInputError);
		expect(stateOf(docs)).toBe(before);
	});
});
