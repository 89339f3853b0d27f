// A small seeded generator (sfc32, seeded through splitmix32) so the demo and benchmark
// workspaces are the same bytes for the same seed on every machine: `Math.random` can't be
// seeded, and a failing seed test must be replayable.

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function splitmix32(state: number): () => number {
	let s = state >>> 0;
	return () => {
		s = (s + 0x9e3779b9) >>> 0;
		let z = s;
		z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
		z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
		return (z ^ (z >>> 16)) >>> 0;
	};
}

export class Prng {
	#a: number;
	#b: number;
	#c: number;
	#d: number;

	constructor(seed: number) {
		const mix = splitmix32(seed);
		this.#a = mix();
		this.#b = mix();
		this.#c = mix();
		this.#d = mix();
		// sfc32's first outputs are still correlated with the seed: discard a few.
		for (let i = 0; i < 12; i++) this.uint32();
	}

	/** Next 32-bit unsigned integer. */
	uint32(): number {
		const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
		this.#d = (this.#d + 1) | 0;
		this.#a = this.#b ^ (this.#b >>> 9);
		this.#b = (this.#c + (this.#c << 3)) | 0;
		this.#c = (this.#c << 21) | (this.#c >>> 11);
		this.#c = (this.#c + t) | 0;
		return t >>> 0;
	}

	/** Uniform in [0, 1). */
	float(): number {
		return this.uint32() / 4294967296;
	}

	/** Uniform integer in [min, max] (both inclusive). */
	int(min: number, max: number): number {
		return min + Math.floor(this.float() * (max - min + 1));
	}

	chance(probability: number): boolean {
		return this.float() < probability;
	}

	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new Error('pick from an empty list');
		return items[Math.floor(this.float() * items.length)] as T;
	}

	/** Picks by weight; `weights` pairs each item with a positive number. */
	weighted<T>(choices: readonly (readonly [T, number])[]): T {
		let total = 0;
		for (const [, weight] of choices) total += weight;
		let roll = this.float() * total;
		for (const [item, weight] of choices) {
			roll -= weight;
			if (roll < 0) return item;
		}
		return choices[choices.length - 1]![0];
	}

	/**
	 * Exponentially distributed with the given mean: gaps between messages and reply delays
	 * are mostly short with a long tail, like real conversations.
	 */
	exponential(mean: number): number {
		return -Math.log(1 - this.float()) * mean;
	}

	/** An id in the shape of the app's `randomId` (16 letters and digits). */
	id(length = 16): string {
		let id = '';
		for (let i = 0; i < length; i++) id += ID_ALPHABET[this.uint32() % ID_ALPHABET.length];
		return id;
	}

	/**
	 * A generator for one part of the workspace (one contact, the catalogue …) that depends on
	 * the seed and the label only, not on how much of the parent was used before: adding a
	 * step to one contact's story doesn't reshuffle every contact after it.
	 */
	static derive(seed: number, label: string): Prng {
		let hash = 0x811c9dc5 ^ seed;
		for (let i = 0; i < label.length; i++) hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193);
		return new Prng(hash >>> 0);
	}
}
