// Seeded randomness for tests, factories and the fuzzer, so they never touch Math.random and
// every run replays from its seed. One generator (server/seed/prng.ts) serves seed and tests.

import { Prng } from '../../server/seed/prng.ts';

/** The seed generator's sfc32 stream, with the helpers tests and the fuzzer use. */
export class SeededRandom {
	readonly #prng: Prng;

	constructor(readonly seed: number) {
		this.#prng = new Prng(seed);
	}

	uint32(): number {
		return this.#prng.uint32();
	}

	/** A float in [0, 1). */
	next(): number {
		return this.uint32() / 4294967296;
	}

	/** An integer in [0, max). */
	int(max: number): number {
		return Math.floor(this.next() * max);
	}

	/** An integer in [min, max]. */
	range(min: number, max: number): number {
		return min + this.int(max - min + 1);
	}

	bool(probability = 0.5): boolean {
		return this.next() < probability;
	}

	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new Error('pick from an empty list');
		return items[this.int(items.length)]!;
	}

	/** A pick weighted by each entry's weight. */
	weighted<T>(entries: readonly (readonly [T, number])[]): T {
		let total = 0;
		for (const [, weight] of entries) total += weight;
		let at = this.next() * total;
		for (const [value, weight] of entries) {
			at -= weight;
			if (at < 0) return value;
		}
		return entries[entries.length - 1]![0];
	}

	/** A lower-case word of `length` letters: readable test text. */
	word(length = this.range(3, 9)): string {
		let word = '';
		for (let i = 0; i < length; i++) word += String.fromCharCode(97 + this.int(26));
		return word;
	}

	/** An independent generator, so adding draws in one place does not shift another's stream. */
	fork(): SeededRandom {
		return new SeededRandom(this.uint32());
	}
}
