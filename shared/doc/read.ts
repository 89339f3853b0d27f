import type { z } from 'zod';
import { reportInvalid } from './report.ts';

/** Parses one value read from a document; an invalid one is reported and comes back null. */
export function readRecord<S extends z.ZodType>(schema: S, value: unknown, where: string, key: string): z.infer<S> | null {
	const parsed = schema.safeParse(value);
	if (parsed.success) return parsed.data;
	reportInvalid({ where, key, issue: parsed.error.issues[0]?.message ?? 'invalid' });
	return null;
}

/** Every valid record of a map, keyed as in the map; `__proto__` keys never reach an object. */
export function readRecords<S extends z.ZodType>(
	entries: Iterable<[string, unknown]>,
	schema: S,
	where: string
): Map<string, z.infer<S>> {
	const records = new Map<string, z.infer<S>>();
	for (const [key, value] of entries) {
		if (key === '__proto__') continue;
		const record = readRecord(schema, value, where, key);
		if (record !== null) records.set(key, record);
	}
	return records;
}
