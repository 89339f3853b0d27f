import { describe, expect, it } from 'vitest';
import { ActionInputError, snoozeContact, unsnoozeContact } from '../../shared/actions/index.ts';
import { readContactSummary, readEvents } from '../../shared/doc/index.ts';
import { isSnoozed } from '../../shared/query/index.ts';
import { ana, docsWithContact, HOUR, stateOf, T0, testEnv } from '../helpers/factories.ts';

describe('snoozeContact / unsnoozeContact', () => {
	it('stores the wake-up time and appends a snoozed event with it', () => {
		const env = testEnv();
		const docs = docsWithContact(env);
		const event = snoozeContact(docs, { contactId: 'c1', until: T0 + 2 * HOUR }, ana, env);
		const row = readContactSummary(docs.index, 'c1')!;
		expect(row.snoozedUntil).toBe(T0 + 2 * HOUR);
		expect(isSnoozed(row, T0 + HOUR)).toBe(true);
		expect(isSnoozed(row, T0 + 2 * HOUR)).toBe(false);
		expect(event).toMatchObject({ type: 'snoozed', actor: ana, at: T0, data: { until: T0 + 2 * HOUR } });
		expect(readEvents(docs.contact).at(-1)).toEqual(event);
	});

	it('wakes a contact early with an unsnoozed event', () => {
		const env = testEnv();
		const docs = docsWithContact(env);
		snoozeContact(docs, { contactId: 'c1', until: T0 + HOUR }, ana, env);
		env.advance(10);
		const event = unsnoozeContact(docs, { contactId: 'c1' }, ana, env);
		expect(readContactSummary(docs.index, 'c1')?.snoozedUntil).toBeNull();
		expect(event).toMatchObject({ type: 'unsnoozed', at: T0 + 10, data: {} });
	});

	it('refuses a time not in the future and bad input, writing nothing', () => {
		const env = testEnv();
		const docs = docsWithContact(env);
		const before = stateOf(docs);
		expect(() => snoozeContact(docs, { contactId: 'c1', until: T0 }, ana, env)).toThrow(ActionInputError);
		expect(() => snoozeContact(docs, { contactId: 'c1', until: -5 }, ana, env)).toThrow(ActionInputError);
		expect(() => snoozeContact(docs, { contactId: 'c1', until: 1.5 }, ana, env)).toThrow(ActionInputError);
		expect(() => snoozeContact(docs, { contactId: 'x', until: T0 + HOUR }, ana, env)).toThrow(ActionInputError);
		expect(() => unsnoozeContact(docs, { contactId: 'x' }, ana, env)).toThrow(ActionInputError);
		expect(stateOf(docs)).toBe(before);
	});
});
