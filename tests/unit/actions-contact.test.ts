import { describe, expect, it } from 'vitest';
import { ActionInputError, createContact, updateProfileField } from '../../shared/actions/index.ts';
import { readContactSummary, readEvents, readProfile } from '../../shared/doc/index.ts';
import { contactSummarySchema } from '../../shared/schemas/index.ts';
import { ana, docsWithContact, MINUTE, stateOf, T0, testDocs, testEnv } from '../helpers/factories.ts';

describe('createContact', () => {
	it('writes an open row, the profile and a contact_created event', () => {
		const env = testEnv(T0 + MINUTE);
		const docs = testDocs();
		const event = createContact(
			docs,
			{ contactId: 'c9', channel: 'telegram', name: 'Ivo', phone: '+351 900', email: null },
			ana,
			env
		);
		const row = readContactSummary(docs.index, 'c9');
		expect(contactSummarySchema.parse(row)).toEqual({
			id: 'c9',
			name: 'Ivo',
			channel: 'telegram',
			phone: '+351 900',
			email: null,
			avatarUrl: null,
			createdAt: T0 + MINUTE,
			status: 'open',
			assignee: null,
			snoozedUntil: null,
			tags: [],
			last: null,
			incoming: 0
		});
		expect(readProfile(docs.contact)).toEqual({ name: 'Ivo', phone: '+351 900', email: null, avatarUrl: null, custom: {} });
		expect(event).toEqual({
			id: 'id0001',
			contactId: 'c9',
			type: 'contact_created',
			actor: ana,
			at: T0 + MINUTE,
			data: { channel: 'telegram', name: 'Ivo' }
		});
		expect(readEvents(docs.contact)).toEqual([event]);
	});

	it('keeps an explicit createdAt (imports) and refuses an existing id or bad input', () => {
		const docs = docsWithContact(testEnv(), { createdAt: 5 });
		expect(readContactSummary(docs.index, 'c1')?.createdAt).toBe(5);
		const before = stateOf(docs);
		expect(() => createContact(docs, { contactId: 'c1', channel: 'sms', name: 'x' }, ana)).toThrow(/exists/);
		expect(() => createContact(docs, { contactId: 'c2', channel: 'fax' as never, name: 'x' }, ana)).toThrow(
			ActionInputError
		);
		expect(() => createContact(docs, { contactId: 'c2', channel: 'sms', name: 'x'.repeat(201) }, ana)).toThrow(
			ActionInputError
		);
		expect(stateOf(docs)).toBe(before);
	});
});

describe('updateProfileField', () => {
	it('writes a built-in field to the profile and the index row, with a profile_updated event', () => {
		const env = testEnv();
		const docs = docsWithContact(env);
		const event = updateProfileField(docs, { contactId: 'c1', field: 'email', value: 'm@example.com' }, ana, env);
		expect(readProfile(docs.contact).email).toBe('m@example.com');
		expect(readContactSummary(docs.index, 'c1')?.email).toBe('m@example.com');
		expect(event).toMatchObject({ type: 'profile_updated', actor: ana, data: { field: 'email', value: 'm@example.com' } });
		updateProfileField(docs, { contactId: 'c1', field: 'email', value: null }, ana, env);
		expect(readContactSummary(docs.index, 'c1')?.email).toBeNull();
	});

	it('writes a custom field to the profile only', () => {
		const docs = docsWithContact();
		const indexBefore = stateOf({ index: docs.index });
		updateProfileField(docs, { contactId: 'c1', field: 'custom:plan', value: 42 }, ana);
		expect(readProfile(docs.contact).custom).toEqual({ plan: 42 });
		expect(stateOf({ index: docs.index })).toBe(indexBefore);
	});

	it('refuses values a field does not accept, writing nothing', () => {
		const docs = docsWithContact();
		const before = stateOf(docs);
		const bad = [
			{ contactId: 'c1', field: 'name', value: null },
			{ contactId: 'c1', field: 'name', value: 7 },
			{ contactId: 'c1', field: 'phone', value: 'x'.repeat(65) },
			{ contactId: 'c1', field: 'custom:__proto__', value: 'x' },
			{ contactId: 'c1', field: 'custom:a|b', value: 'x' },
			{ contactId: 'c1', field: 'nickname', value: 'x' },
			{ contactId: 'c1', field: 'custom:x', value: Infinity },
			{ contactId: 'c1', field: 'custom:x', value: { nested: true } },
			{ contactId: 'ghost', field: 'name', value: 'x' }
		];
		for (const input of bad) expect(() => updateProfileField(docs, input as never, ana)).toThrow(ActionInputError);
		expect(stateOf(docs)).toBe(before);
	});
});
