/** Names in least-recently-used order; a Map keeps insertion order, so re-inserting moves to the end. */
export class Lru {
	readonly #order = new Map<string, true>();

	touch(name: string): void {
		this.#order.delete(name);
		this.#order.set(name, true);
	}

	delete(name: string): void {
		this.#order.delete(name);
	}

	get size(): number {
		return this.#order.size;
	}

	/** Oldest first. */
	names(): string[] {
		return [...this.#order.keys()];
	}
}
