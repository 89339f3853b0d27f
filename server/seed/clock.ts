import type { ActionEnv } from '../../shared/actions/index';
import { Prng } from './prng';

// The seed's ActionEnv: a clock the story moves forward by hand (so events spread over the
// last weeks instead of all landing "now") and ids from a seeded generator (so the same seed
// gives the same documents). Actions take env as a parameter exactly for this.

export class SeedClock {
	#time: number;
	readonly #ids: Prng;
	readonly env: ActionEnv;

	constructor(ids: Prng, start: number) {
		this.#time = start;
		this.#ids = ids;
		this.env = { now: () => this.#time, newId: () => this.#ids.id() };
	}

	get time(): number {
		return this.#time;
	}

	set(time: number): void {
		this.#time = Math.round(time);
	}

	/** Moves forward by `ms` (rounded: timestamps are integer milliseconds). */
	advance(ms: number): number {
		this.#time = Math.round(this.#time + ms);
		return this.#time;
	}
}
