import { describe, expect, it } from 'vitest';
import { Prng } from '../../server/seed/prng';

describe('seed Prng', () => {
	it('repeats its sequence for the same seed and differs for another', () => {
		const a = new Prng(42);
		const b = new Prng(42);
		const c = new Prng(43);
		const seqA = Array.from({ length: 20 }, () => a.uint32());
		expect(Array.from({ length: 20 }, () => b.uint32())).toEqual(seqA);
		expect(Array.from({ length: 20 }, () => c.uint32())).not.toEqual(seqA);
	});

	it('keeps int() within its inclusive bounds and reaches both ends', () => {
		const prng = new Prng(7);
		const seen = new Set<number>();
		for (let i = 0; i < 2000; i++) {
			const value = prng.int(3, 6);
			expect(value).toBeGreaterThanOrEqual(3);
			expect(value).toBeLessThanOrEqual(6);
			seen.add(value);
		}
		expect([...seen].sort()).toEqual([3, 4, 5, 6]);
	});

	it('makes ids the document names accept', () => {
		const prng = new Prng(1);
		for (let i = 0; i < 100; i++) expect(prng.id()).toMatch(/^[A-Za-z0-9]{16}$/);
	});

	it('derives generators from seed and label only', () => {
		expect(Prng.derive(5, 'contact:1').uint32()).toBe(Prng.derive(5, 'contact:1').uint32());
		expect(Prng.derive(5, 'contact:1').uint32()).not.toBe(Prng.derive(5, 'contact:2').uint32());
		expect(Prng.derive(5, 'contact:1').uint32()).not.toBe(Prng.derive(6, 'contact:1').uint32());
	});

	it('picks by weight', () => {
		const prng = new Prng(9);
		let heavy = 0;
		for (let i = 0; i < 1000; i++) if (prng.weighted([['a', 9], ['b', 1]] as const) === 'a') heavy++;
		expect(heavy).toBeGreaterThan(850);
	});
});
