import { describe, expect, it } from 'vitest';
import {
	ActionInputError,
	assignContact,
	isActionOrigin,
	markDone,
	markPending,
	unassignContact
} from '../../shared/actions/index.ts';
import { readContactSummary, readEvents } from '../../shared/doc/index.ts';
import { systemActor } from '../../shared/schemas/index.ts';
import { ana, ben, docsWithContact, MINUTE, stateOf, T0, testEnv } from '../helpers/factories.ts';

describe('assignContact / unassignContact', () => {
	it('sets the assignee and appends an assigned event with actor, time and previous', () => {
		const env = testEnv();
		const docs = docsWithContact(env);
		env.advance(MINUTE);
		const event = assignContact(docs, { contactId: 'c1', assignee: 'ben' }, ana, env);
		expect(readContactSummary(docs.index, 'c1')?.assignee).toBe('ben');
		expect(event).toEqual({
			id: 'id0002',
			contactId: 'c1',
			type: 'assigned',
			actor: ana,
			at: T0 + MINUTE,
			data: { assignee: 'ben', previous: null }
		});
		expect(readEvents(docs.contact).at(-1)).toEqual(event);
	});

	it('records the previous assignee on reassign and unassign', () => {
		const env = testEnv();
		const docs = docsWithContact(env);
		assignContact(docs, { contactId: 'c1', assignee: 'ben' }, ana, env);
		expect(assignContact(docs, { contactId: 'c1', assignee: 'ana' }, ana, env).data).toEqual({
			assignee: 'ana',
			previous: 'ben'
		});
		const event = unassignContact(docs, { contactId: 'c1' }, ben, env);
		expect(event).toMatchObject({ type: 'unassigned', actor: ben, data: { previous: 'ana' } });
		expect(readContactSummary(docs.index, 'c1')?.assignee).toBeNull();
	});

	it('writes one transaction per document, tagged with the action and actor', () => {
		const docs = docsWithContact();
		const origins: unknown[] = [];
		docs.index.on('afterTransaction', (tr) => origins.push(tr.origin));
		docs.contact.on('afterTransaction', (tr) => origins.push(tr.origin));
		assignContact(docs, { contactId: 'c1', assignee: 'ben' }, ana);
		expect(origins).toEqual([
			{ kind: 'action', action: 'assignContact', actor: ana },
			{ kind: 'action', action: 'assignContact', actor: ana }
		]);
		expect(origins.every(isActionOrigin)).toBe(true);
	});

	it('refuses bad input, a bad actor and an unknown contact, writing nothing', () => {
		const docs = docsWithContact();
		const before = stateOf(docs);
		const bad: [unknown, unknown][] = [
			[{ contactId: 'c1', assignee: 'a/b' }, ana],
			[{ contactId: 'c1' }, ana],
			[{ contactId: '__proto__', assignee: 'ben' }, ana],
			[{ contactId: 'nope', assignee: 'ben' }, ana],
			[{ contactId: 'c1', assignee: 'ben' }, { kind: 'robot', id: 'x' }],
			[JSON.parse('{"contactId":"c1","assignee":"ben","__proto__":{"x":1}}'), ana],
			[null, ana]
		];
		for (const [input, actor] of bad) {
			expect(() => assignContact(docs, input as never, actor as never)).toThrow(ActionInputError);
		}
		expect(() => unassignContact(docs, { contactId: 'missing' }, ana)).toThrow(ActionInputError);
		expect(stateOf(docs)).toBe(before);
	});

	it('refuses an env that yields an invalid id, before writing', () => {
		const docs = docsWithContact();
		const before = stateOf(docs);
		const env = { now: () => T0, newId: () => 'not valid!' };
		expect(() => assignContact(docs, { contactId: 'c1', assignee: 'ben' }, ana, env)).toThrow(ActionInputError);
		expect(stateOf(docs)).toBe(before);
	});
});

describe('markDone / markPending', () => {
	it('moves the status and appends the matching events', () => {
		const env = testEnv();
		const docs = docsWithContact(env);
		const done = markDone(docs, { contactId: 'c1' }, ana, env);
		expect(readContactSummary(docs.index, 'c1')?.status).toBe('done');
		env.advance(5 * MINUTE);
		const pending = markPending(docs, { contactId: 'c1' }, systemActor, env);
		expect(readContactSummary(docs.index, 'c1')?.status).toBe('open');
		expect(done).toMatchObject({ type: 'marked_done', actor: ana, at: T0, data: {} });
		expect(pending).toMatchObject({ type: 'marked_pending', actor: systemActor, at: T0 + 5 * MINUTE });
		expect(readEvents(docs.contact).map((e) => e.type)).toEqual(['contact_created', 'marked_done', 'marked_pending']);
	});

	it('appends an event even when the status already had that value', () => {
		const docs = docsWithContact();
		markDone(docs, { contactId: 'c1' }, ana);
		markDone(docs, { contactId: 'c1' }, ben);
		expect(readEvents(docs.contact).filter((e) => e.type === 'marked_done')).toHaveLength(2);
	});

	it('refuses bad input, writing nothing', () => {
		const docs = docsWithContact();
		const before = stateOf(docs);
		expect(() => markDone(docs, { contactId: '' }, ana)).toThrow(ActionInputError);
		expect(() => markPending(docs, { contactId: 'zz' }, ana)).toThrow(/unknown contact/);
		expect(stateOf(docs)).toBe(before);
	});
});
