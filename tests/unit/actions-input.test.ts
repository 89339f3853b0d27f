import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ActionInputError } from '../../shared/actions/index.ts';
import { parseActor, parseInput } from '../../shared/actions/input.ts';

describe('parseInput', () => {
	const schema = z.object({ tags: z.record(z.string(), z.number()) });

	it('refuses a __proto__ key at any depth, even where the schema would keep it', () => {
		const input = JSON.parse('{"tags":{"a":1,"__proto__":{"x":1}}}');
		expect(() => parseInput('test', schema, input)).toThrow(ActionInputError);
		expect(() => parseInput('test', z.array(z.unknown()), JSON.parse('[[{"__proto__":1}]]'))).toThrow(/__proto__/);
	});

	it('refuses absurdly nested input instead of recursing without end', () => {
		let deep: unknown = 1;
		for (let i = 0; i < 100; i++) deep = [deep];
		expect(() => parseInput('test', z.unknown(), deep)).toThrow(ActionInputError);
	});

	it('names the action and the failing path', () => {
		try {
			parseInput('assignContact', schema, { tags: { a: 'x' } });
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(ActionInputError);
			expect((error as ActionInputError).action).toBe('assignContact');
			expect((error as Error).message).toMatch(/^assignContact: tags\.a: /);
		}
	});

	it('returns parsed data (defaults applied, unknown keys stripped)', () => {
		const withDefault = z.object({ n: z.number().default(3) });
		expect(parseInput('t', withDefault, { extra: true })).toEqual({ n: 3 });
	});
});

describe('parseActor', () => {
	it('accepts the five kinds and refuses others', () => {
		for (const kind of ['user', 'automation', 'bot', 'api', 'system']) {
			expect(parseActor('t', { kind, id: 'x' })).toEqual({ kind, id: 'x' });
		}
		expect(() => parseActor('t', { kind: 'admin', id: 'x' })).toThrow(ActionInputError);
		expect(() => parseActor('t', { kind: 'user', id: '' })).toThrow(ActionInputError);
	});
});
