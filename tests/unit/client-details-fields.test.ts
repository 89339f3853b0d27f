// The details column's field rules: which rows show, what typed text saves as (validated before
// the action runs), and how saved values read back.
import { describe, expect, it } from 'vitest';
import {
	detailFields,
	editTextOf,
	formatFieldValue,
	isCalendarDay,
	parseFieldInput,
	parseName
} from '../../src/lib/stores/details-fields.ts';
import { movedPosition } from '../../src/lib/stores/settings-service.ts';
import { updateProfileFieldInputSchema } from '../../shared/actions/index.ts';
import type { CustomField } from '../../shared/schemas/index.ts';

const FIELDS: CustomField[] = [
	{ id: 'company', label: 'Company', type: 'text', options: [], position: 1 },
	{ id: 'plan', label: 'Plan', type: 'choice', options: ['Free', 'Pro'], position: 2 },
	{ id: 'renewal', label: 'Renewal', type: 'date', options: [], position: 3 }
];

describe('detail rows', () => {
	it('lists phone and email, then custom fields with their values', () => {
		const rows = detailFields({ phone: '+351 912', email: null }, { custom: { plan: 'Pro' } }, FIELDS);
		expect(rows.map((row) => [row.field, row.kind, row.value])).toEqual([
			['phone', 'phone', '+351 912'],
			['email', 'email', null],
			['custom:company', 'text', null],
			['custom:plan', 'choice', 'Pro'],
			['custom:renewal', 'date', null]
		]);
		expect(rows[3]?.options).toEqual(['Free', 'Pro']);
	});

	it('shows custom fields as empty before the contact document is open', () => {
		expect(detailFields({ phone: null, email: null }, null, FIELDS).every((row) => row.value === null)).toBe(true);
	});
});

describe('parsing typed values', () => {
	it('clears a field on empty text', () => {
		for (const kind of ['text', 'phone', 'email', 'number', 'date', 'choice'] as const) {
			expect(parseFieldInput(kind, '   ')).toEqual({ ok: true, value: null });
		}
	});

	it('checks email shape', () => {
		expect(parseFieldInput('email', ' ana@example.com ')).toEqual({ ok: true, value: 'ana@example.com' });
		for (const bad of ['ana', 'ana@', 'ana@example', 'a b@example.com']) expect(parseFieldInput('email', bad).ok).toBe(false);
	});

	it('checks phone numbers', () => {
		expect(parseFieldInput('phone', '+1 (555) 010-9999')).toEqual({ ok: true, value: '+1 (555) 010-9999' });
		for (const bad of ['call me', '12', '+44 12a']) expect(parseFieldInput('phone', bad).ok).toBe(false);
	});

	it('reads numbers, with a decimal comma too', () => {
		expect(parseFieldInput('number', '19.90')).toEqual({ ok: true, value: 19.9 });
		expect(parseFieldInput('number', '19,90')).toEqual({ ok: true, value: 19.9 });
		expect(parseFieldInput('number', '-3')).toEqual({ ok: true, value: -3 });
		for (const bad of ['12abc', '1.2.3', 'NaN', 'Infinity', '0x10']) expect(parseFieldInput('number', bad).ok).toBe(false);
	});

	it('accepts only real calendar days', () => {
		expect(parseFieldInput('date', '2026-02-28')).toEqual({ ok: true, value: '2026-02-28' });
		expect(isCalendarDay('2026-02-29')).toBe(false);
		expect(isCalendarDay('2028-02-29')).toBe(true);
		expect(parseFieldInput('date', '28/02/2026').ok).toBe(false);
	});

	it('accepts only the defined choices', () => {
		expect(parseFieldInput('choice', 'Pro', ['Free', 'Pro'])).toEqual({ ok: true, value: 'Pro' });
		expect(parseFieldInput('choice', 'Gold', ['Free', 'Pro']).ok).toBe(false);
	});

	it('requires a name', () => {
		expect(parseName('  Ana  ')).toEqual({ ok: true, value: 'Ana' });
		expect(parseName(' ').ok).toBe(false);
		expect(parseName('x'.repeat(201)).ok).toBe(false);
	});

	it('only ever produces values the action accepts', () => {
		const samples: [Parameters<typeof parseFieldInput>[0], string][] = [
			['phone', '+1 555 0100'],
			['email', `${'a'.repeat(240)}@example.com`],
			['text', 'x'.repeat(2000)],
			['number', '42']
		];
		for (const [kind, raw] of samples) {
			const parsed = parseFieldInput(kind, raw);
			if (!parsed.ok) continue;
			const field = kind === 'phone' || kind === 'email' ? kind : 'custom:x';
			expect(updateProfileFieldInputSchema.safeParse({ contactId: 'c', field, value: parsed.value }).success).toBe(true);
		}
		expect(parseFieldInput('text', 'x'.repeat(2001)).ok).toBe(false);
		expect(parseFieldInput('phone', '1'.repeat(65)).ok).toBe(false);
	});
});

describe('showing values', () => {
	it('formats numbers and days, and edits from the raw value', () => {
		expect(formatFieldValue('number', 1234.5, 'en-US')).toBe('1,234.5');
		expect(formatFieldValue('date', '2026-03-01', 'en-US')).toBe('Mar 1, 2026');
		expect(formatFieldValue('text', null)).toBe('');
		expect(editTextOf(19.9)).toBe('19.9');
		expect(editTextOf(null)).toBe('');
	});
});

describe('reordering custom fields', () => {
	it('moves a field between its new neighbours, or past the end', () => {
		expect(movedPosition(FIELDS, 'renewal', -1)).toBe(1.5);
		expect(movedPosition(FIELDS, 'plan', -1)).toBe(0);
		expect(movedPosition(FIELDS, 'company', 1)).toBe(2.5);
		expect(movedPosition(FIELDS, 'renewal', 1)).toBeNull();
		expect(movedPosition(FIELDS, 'company', -1)).toBeNull();
	});
});
