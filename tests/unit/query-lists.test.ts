import { describe, expect, it } from 'vitest';
import {
	compareByRecent,
	indicatorState,
	listContacts,
	listFilter,
	predefinedFilter,
	PREDEFINED_SEGMENT_IDS,
	sortByRecent,
	unreadCount
} from '../../shared/query/index.ts';
import { contactRow, HOUR, randomRows, T0 } from '../helpers/factories.ts';

const ctx = { me: 'ana', now: T0 };
const msg = (at: number) => ({ messageId: `m${at}`, at, direction: 'in' as const, text: 't' });

describe('predefined segments', () => {
	const rows = [
		contactRow({ id: 'new' }),
		contactRow({ id: 'newSnoozed', snoozedUntil: T0 + HOUR }),
		contactRow({ id: 'newWoken', snoozedUntil: T0 - HOUR }),
		contactRow({ id: 'mine', assignee: 'ana' }),
		contactRow({ id: 'mineDone', assignee: 'ana', status: 'done' }),
		contactRow({ id: 'mineSnoozed', assignee: 'ana', snoozedUntil: T0 + HOUR }),
		contactRow({ id: 'bens', assignee: 'ben' }),
		contactRow({ id: 'doneUnassigned', status: 'done' }),
		contactRow({ id: 'doneSnoozed', status: 'done', snoozedUntil: T0 + HOUR })
	];
	const ids = (id: (typeof PREDEFINED_SEGMENT_IDS)[number]) =>
		listContacts(rows, predefinedFilter(id), ctx)
			.map((r) => r.id)
			.sort();

	it('New: open, unassigned, not snoozed', () => expect(ids('new')).toEqual(['new', 'newWoken']));
	it('Mine: open, assigned to me, not snoozed', () => expect(ids('mine')).toEqual(['mine']));
	it('Unassigned: any status, not snoozed', () => expect(ids('unassigned')).toEqual(['doneUnassigned', 'new', 'newWoken']));
	it('All: everything not snoozed', () =>
		expect(ids('all')).toEqual(['bens', 'doneUnassigned', 'mine', 'mineDone', 'new', 'newWoken']));
	it('Done: done, not snoozed', () => expect(ids('done')).toEqual(['doneUnassigned', 'mineDone']));
	it('Snoozed: every snoozed contact, whatever its status or assignee', () =>
		expect(ids('snoozed')).toEqual(['doneSnoozed', 'mineSnoozed', 'newSnoozed']));

	it('a custom segment hides snoozed contacts unless it asks for them', () => {
		expect(listFilter({ status: 'open' })).toEqual({ status: 'open', snoozed: false });
		expect(listFilter({ snoozed: true })).toEqual({ snoozed: true });
		expect(listContacts(rows, { assignee: { kind: 'me' } }, ctx).map((r) => r.id).sort()).toEqual(['mine', 'mineDone']);
	});
});

describe('sort by most recent message', () => {
	it('orders by last message, then createdAt (for rows without messages), then id', () => {
		const rows = [
			contactRow({ id: 'old', last: msg(T0 - HOUR) }),
			contactRow({ id: 'b', last: msg(T0), createdAt: T0 - 5 }),
			contactRow({ id: 'a', last: msg(T0), createdAt: T0 - 5 }),
			contactRow({ id: 'newer', last: msg(T0), createdAt: T0 - 1 }),
			contactRow({ id: 'fresh', createdAt: T0 + HOUR })
		];
		expect(sortByRecent(rows).map((r) => r.id)).toEqual(['fresh', 'newer', 'a', 'b', 'old']);
		expect(rows[0]?.id).toBe('old');
	});

	it('the radix path orders large lists exactly like the comparison', () => {
		for (const seed of [1, 2, 3]) {
			const rows = randomRows(5_000, seed);
			// Force many ties to exercise the tie-breaking pass.
			for (let i = 0; i < rows.length; i += 7) rows[i] = { ...rows[i]!, last: msg(T0), createdAt: T0 - (i % 3) };
			expect(sortByRecent(rows)).toEqual(rows.slice().sort(compareByRecent));
		}
	});

	it('falls back to the comparison when times are too far apart for the radix keys', () => {
		const rows = randomRows(1_000, 4);
		rows[0] = { ...rows[0]!, last: msg(2 ** 52), createdAt: 0 };
		rows[1] = { ...rows[1]!, last: null, createdAt: 0 };
		expect(sortByRecent(rows)).toEqual(rows.slice().sort(compareByRecent));
	});
});

describe('unread and indicators', () => {
	it('unreadCount is incoming beyond the marker, never negative', () => {
		expect(unreadCount(contactRow({ incoming: 5 }), 3)).toBe(2);
		expect(unreadCount(contactRow({ incoming: 5 }), 5)).toBe(0);
		expect(unreadCount(contactRow({ incoming: 2 }), 4)).toBe(0);
		expect(unreadCount(contactRow({ incoming: 2 }), 0)).toBe(2);
	});

	it('counts the list and turns orange when any listed contact is unread', () => {
		const rows = [
			contactRow({ id: 'a', incoming: 3 }),
			contactRow({ id: 'b', incoming: 1 }),
			contactRow({ id: 'snoozedUnread', incoming: 9, snoozedUntil: T0 + HOUR }),
			contactRow({ id: 'mine', incoming: 4, assignee: 'ana' })
		];
		const markers = new Map([
			['a', 3],
			['b', 1]
		]);
		expect(indicatorState(rows, predefinedFilter('new'), { ...ctx, markers })).toEqual({ count: 2, color: 'blue' });
		expect(indicatorState(rows, predefinedFilter('mine'), { ...ctx, markers })).toEqual({ count: 1, color: 'orange' });
		expect(indicatorState(rows, predefinedFilter('new'), { ...ctx, markers: new Map() })).toEqual({ count: 2, color: 'orange' });
		expect(indicatorState([], predefinedFilter('new'), { ...ctx, markers })).toEqual({ count: 0, color: 'blue' });
	});
});
