import type { ContactSummary, CustomField, Profile, ProfileField, ProfileValue } from '$shared/schemas/index.ts';

// The editable rows of the contact details: phone and email, then the workspace's custom
// fields in their order. Pure functions: what a row shows, and what typed text becomes when
// saved (validated here, before the action, so a typo is a message and never a rejected write).

export type FieldKind = 'text' | 'phone' | 'email' | 'number' | 'date' | 'choice';

export interface DetailField {
	field: ProfileField;
	label: string;
	kind: FieldKind;
	options: readonly string[];
	value: ProfileValue;
}

export type ParsedInput = { ok: true; value: ProfileValue } | { ok: false; error: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ().-]+$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Limits of the profile schema (`shared/actions/profile.ts`), so the action never refuses. */
const MAX_LENGTH: Record<FieldKind, number> = { text: 2000, phone: 64, email: 254, number: 64, date: 10, choice: 100 };

export function detailFields(
	summary: Pick<ContactSummary, 'phone' | 'email'>,
	profile: Pick<Profile, 'custom'> | null,
	customFields: readonly CustomField[]
): DetailField[] {
	const rows: DetailField[] = [
		{ field: 'phone', label: 'Phone', kind: 'phone', options: [], value: summary.phone },
		{ field: 'email', label: 'Email', kind: 'email', options: [], value: summary.email }
	];
	for (const definition of customFields) {
		rows.push({
			field: `custom:${definition.id}`,
			label: definition.label,
			kind: definition.type,
			options: definition.options,
			value: profile?.custom[definition.id] ?? null
		});
	}
	return rows;
}

/** A calendar day `YYYY-MM-DD` that exists (no 31 February). */
export function isCalendarDay(text: string): boolean {
	const match = DAY.exec(text);
	if (!match) return false;
	const [, year, month, day] = match.map(Number) as [number, number, number, number];
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** What the typed text saves as; empty text clears the field. */
export function parseFieldInput(kind: FieldKind, raw: string, options: readonly string[] = []): ParsedInput {
	const text = raw.trim();
	if (text === '') return { ok: true, value: null };
	if (text.length > MAX_LENGTH[kind]) return { ok: false, error: `At most ${MAX_LENGTH[kind]} characters.` };
	switch (kind) {
		case 'email':
			return EMAIL.test(text) ? { ok: true, value: text } : { ok: false, error: 'Enter an email address like name@example.com.' };
		case 'phone': {
			const digits = text.replace(/\D/g, '').length;
			return PHONE.test(text) && digits >= 3 && digits <= 20
				? { ok: true, value: text }
				: { ok: false, error: 'Enter a phone number: digits, spaces, + ( ) - only.' };
		}
		case 'number': {
			// A decimal comma is how much of the world types numbers.
			const normalised = text.replace(/\s/g, '').replace(/,(?=\d+$)/, '.');
			const value = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(normalised) ? Number(normalised) : Number.NaN;
			return Number.isFinite(value) ? { ok: true, value } : { ok: false, error: 'Enter a number, like 42 or 19.90.' };
		}
		case 'date':
			return isCalendarDay(text) ? { ok: true, value: text } : { ok: false, error: 'Enter a date as YYYY-MM-DD.' };
		case 'choice':
			return options.includes(text) ? { ok: true, value: text } : { ok: false, error: 'Pick one of the options.' };
		case 'text':
			return { ok: true, value: text };
	}
}

/** The contact's name: required, at most the index's 200 characters. */
export function parseName(raw: string): ParsedInput {
	const text = raw.trim();
	if (text === '') return { ok: false, error: 'A contact needs a name.' };
	if (text.length > 200) return { ok: false, error: 'At most 200 characters.' };
	return { ok: true, value: text };
}

/** How a saved value reads; '' when empty. Dates are calendar days, shown without a time zone shift. */
export function formatFieldValue(kind: FieldKind, value: ProfileValue, locale?: string): string {
	if (value === null) return '';
	if (kind === 'number' && typeof value === 'number') return value.toLocaleString(locale, { maximumFractionDigits: 6 });
	if (kind === 'date' && typeof value === 'string' && isCalendarDay(value)) {
		const [year, month, day] = value.split('-').map(Number) as [number, number, number];
		return new Date(year, month - 1, day).toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' });
	}
	return String(value);
}

/** The text an editor starts from: the raw value, so saving it unchanged round-trips exactly. */
export function editTextOf(value: ProfileValue): string {
	return value === null ? '' : String(value);
}
