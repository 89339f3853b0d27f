import { describe, expect, it } from 'vitest';
import { filterContacts, isSnoozed, matchesFilter } from '../../shared/query/index.ts';
import type { SegmentFilter } from '../../shared/schemas/index.ts';
import { contactRow, HOUR, T0 } from '../helpers/factories.ts';

const ctx = { me: 'ana', now: T0 };
const last = (at: number, direction: 'in' | 'out' = 'in') => ({ messageId: 'm', at, direction, text: 't' });

describe('isSnoozed', () => {
	it('is true only while the wake-up time is ahead', () => {
		expect(isSnoozed(contactRow(), T0)).toBe(false);
		expect(isSnoozed(contactRow({ snoozedUntil: T0 + 1 }), T0)).toBe(true);
		expect(isSnoozed(contactRow({ snoozedUntil: T0 }), T0)).toBe(false);
		expect(isSnoozed(contactRow({ snoozedUntil: T0 - HOUR }), T0)).toBe(false);
	});
});

describe('matchesFilter', () => {
	const cases: [string, SegmentFilter, Partial<Parameters<typeof contactRow>[0]>, boolean][] = [
		['empty filter matches anything', {}, { status: 'done', snoozedUntil: T0 + HOUR }, true],
		['channel in list', { channels: ['sms', 'whatsapp'] }, {}, true],
		['channel not in list', { channels: ['sms'] }, {}, false],
		['empty channel list does not constrain', { channels: [] }, {}, true],
		['status', { status: 'done' }, { status: 'done' }, true],
		['status mismatch', { status: 'done' }, {}, false],
		['assignee anyone: assigned', { assignee: { kind: 'anyone' } }, { assignee: 'ben' }, true],
		['assignee anyone: unassigned', { assignee: { kind: 'anyone' } }, {}, false],
		['assignee me', { assignee: { kind: 'me' } }, { assignee: 'ana' }, true],
		['assignee me: someone else', { assignee: { kind: 'me' } }, { assignee: 'ben' }, false],
		['assignee unassigned', { assignee: { kind: 'unassigned' } }, {}, true],
		['assignee unassigned: assigned', { assignee: { kind: 'unassigned' } }, { assignee: 'ana' }, false],
		['assignee agent', { assignee: { kind: 'agent', userId: 'ben' } }, { assignee: 'ben' }, true],
		['assignee agent: other', { assignee: { kind: 'agent', userId: 'ben' } }, { assignee: 'ana' }, false],
		['tags any', { tags: { match: 'any', keys: ['vip', 'lead'] } }, { tags: ['lead'] }, true],
		['tags any: none', { tags: { match: 'any', keys: ['vip', 'lead'] } }, { tags: ['x'] }, false],
		['tags all', { tags: { match: 'all', keys: ['vip', 'lead'] } }, { tags: ['lead', 'vip', 'x'] }, true],
		['tags all: missing one', { tags: { match: 'all', keys: ['vip', 'lead'] } }, { tags: ['vip'] }, false],
		['last direction in', { lastDirection: 'in' }, { last: last(T0) }, true],
		['last direction out', { lastDirection: 'out' }, { last: last(T0) }, false],
		['last direction: no message', { lastDirection: 'in' }, {}, false],
		['activity inside [from, to)', { lastActivity: { from: T0, to: T0 + HOUR } }, { last: last(T0) }, true],
		['activity at to is outside', { lastActivity: { from: T0, to: T0 + HOUR } }, { last: last(T0 + HOUR) }, false],
		['activity before from', { lastActivity: { from: T0, to: null } }, { last: last(T0 - 1) }, false],
		['activity falls back to createdAt', { lastActivity: { from: null, to: T0 + 1 } }, { createdAt: T0 }, true],
		['snoozed true', { snoozed: true }, { snoozedUntil: T0 + 1 }, true],
		['snoozed true: expired', { snoozed: true }, { snoozedUntil: T0 }, false],
		['snoozed false', { snoozed: false }, { snoozedUntil: T0 + 1 }, false],
		['all conditions together', { channels: ['whatsapp'], status: 'open', assignee: { kind: 'me' }, tags: { match: 'any', keys: ['vip'] }, lastDirection: 'in', snoozed: false }, { assignee: 'ana', tags: ['vip'], last: last(T0) }, true]
	];
	for (const [name, filter, row, expected] of cases) {
		it(name, () => expect(matchesFilter(contactRow(row), filter, ctx)).toBe(expected));
	}

	it('treats "me" as nobody when no agent is signed in (API)', () => {
		expect(matchesFilter(contactRow({ assignee: 'ana' }), { assignee: { kind: 'me' } }, { me: null, now: T0 })).toBe(false);
	});

	it('filterContacts keeps input order', () => {
		const rows = [contactRow({ id: 'b', status: 'done' }), contactRow({ id: 'a' }), contactRow({ id: 'c' })];
		expect(filterContacts(rows, { status: 'open' }, ctx).map((r) => r.id)).toEqual(['a', 'c']);
	});
});
