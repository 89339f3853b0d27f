import type * as Y from 'yjs';
import { contactStatusSchema, type ContactStatus } from '../schemas/index.ts';
import { isValidId } from './names.ts';
import { reportInvalid } from './report.ts';

// Per-field readers for the index row. A missing key just means "not set"; a present value of
// the wrong shape (from an old or hostile client) falls back to "not set" and is reported, so
// a row is always schema-valid and the problem still shows. The valid path allocates nothing:
// these run for every row of a 50,000-contact list.

function invalid(field: string, key: string, issue: string): null {
	reportInvalid({ where: `index.${field}`, key, issue });
	return null;
}

export function readTextField(map: Y.Map<unknown>, field: string, id: string, max: number): string | null {
	const value = map.get(id);
	if (value === undefined || value === null) return null;
	if (typeof value === 'string' && value.length <= max) return value;
	return invalid(field, id, `expected text of at most ${max} characters`);
}

/** Milliseconds since the epoch, or null. */
export function readTimeField(map: Y.Map<unknown>, field: string, id: string): number | null {
	const value = map.get(id);
	if (value === undefined || value === null) return null;
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
	return invalid(field, id, 'expected a timestamp');
}

export function readStatusField(map: Y.Map<unknown>, id: string): ContactStatus {
	const value = map.get(id);
	if (value === 'open' || value === 'done' || value === undefined) return value ?? 'open';
	invalid('status', id, `expected ${contactStatusSchema.options.join(' or ')}`);
	return 'open';
}

export function readAssigneeField(map: Y.Map<unknown>, id: string): string | null {
	const value = map.get(id);
	if (value === undefined || value === null) return null;
	if (typeof value === 'string' && isValidId(value)) return value;
	return invalid('assignee', id, 'expected a user id');
}

/** One writer's share of a per-writer counter: a non-negative integer. */
export function validCount(value: unknown, key: string): number {
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
	invalid('incoming', key, 'expected a count');
	return 0;
}
