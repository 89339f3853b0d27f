// A small seeded PRNG (sfc32, from PractRand; seeded through splitmix32) so tests, factories
// and the fuzzer never touch Math.random and every run replays from its seed.

function splitmix32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x9e3779b9) >>> 0;
		let z = state;
		z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
		z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
		return (z ^ (z >>> 16)) >>> 0;
	};
}

export class SeededRandom {
	#a: number;
	#b: number;
	#c: number;
	#d: number;

	constructor(readonly seed: number) {
		const mix = splitmix32(seed);
		this.#a = mix();
		this.#b = mix();
		this.#c = mix();
		this.#d = mix();
		for (let i = 0; i < 12; i++) this.uint32();
	}

	uint32(): number {
		const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
		this.#d = (this.#d + 1) | 0;
		this.#a = this.#b ^ (this.#b >>> 9);
		this.#b = (this.#c + (this.#c << 3)) | 0;
		this.#c = (this.#c << 21) | (this.#c >>> 11);
		this.#c = (this.#c + t) | 0;
		return t >>> 0;
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
