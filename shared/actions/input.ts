import type { z } from 'zod';
import { actorSchema, type Actor } from '../schemas/index.ts';
import { ActionInputError } from './errors.ts';

// Input arrives from HTTP bodies, webhooks and UI code. zod strips unknown object keys, but a
// `z.record` keeps them, and a JSON-parsed `__proto__` key is an own property that would give a
// plain object an attacker-chosen prototype later on. So any such key rejects the whole input.

const MAX_DEPTH = 32;

function hasProtoKey(value: unknown, depth: number): boolean {
	if (typeof value !== 'object' || value === null) return false;
	if (depth > MAX_DEPTH) return true;
	if (Array.isArray(value)) return value.some((item) => hasProtoKey(item, depth + 1));
	for (const key of Object.getOwnPropertyNames(value)) {
		if (key === '__proto__') return true;
		if (hasProtoKey((value as Record<string, unknown>)[key], depth + 1)) return true;
	}
	return false;
}

function describe(error: z.ZodError): string {
	const issue = error.issues[0];
	if (!issue) return 'invalid input';
	return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

/** Parses an action's input; throws `ActionInputError` (nothing written yet) when it is bad. */
export function parseInput<S extends z.ZodType>(action: string, schema: S, input: unknown): z.output<S> {
	if (hasProtoKey(input, 0)) throw new ActionInputError(action, 'reserved key __proto__ (or input nested too deep)');
	const parsed = schema.safeParse(input);
	if (!parsed.success) throw new ActionInputError(action, describe(parsed.error));
	return parsed.data;
}

export function parseActor(action: string, actor: unknown): Actor {
	const parsed = actorSchema.safeParse(actor);
	if (!parsed.success) throw new ActionInputError(action, `actor: ${describe(parsed.error)}`);
	return parsed.data;
}

/**
 * Validates a record built from input, actor and env just before it is written: readers skip
 * records that fail their schema, so writing one would silently lose the action everywhere.
 */
export function checkRecord<S extends z.ZodType>(action: string, schema: S, record: unknown, what: string): z.output<S> {
	const parsed = schema.safeParse(record);
	if (!parsed.success) throw new ActionInputError(action, `${what}: ${describe(parsed.error)}`);
	return parsed.data;
}
