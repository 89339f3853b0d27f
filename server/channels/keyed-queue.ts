// Runs tasks one at a time per key, in arrival order; different keys run concurrently. Used
// per contact, so five copies of one webhook arriving at once are recorded one after another
// and all but the first find the message already there.
export class KeyedQueue {
	readonly #tails = new Map<string, Promise<unknown>>();

	run<T>(key: string, task: () => Promise<T>): Promise<T> {
		const previous = this.#tails.get(key) ?? Promise.resolve();
		const result = previous.then(task, task);
		const tail = result.then(
			() => undefined,
			() => undefined
		);
		this.#tails.set(key, tail);
		// Forget the key once nothing is queued behind this task, so the map stays small.
		void tail.then(() => {
			if (this.#tails.get(key) === tail) this.#tails.delete(key);
		});
		return result;
	}

	/** Resolves when every task queued so far has settled. */
	async idle(): Promise<void> {
		while (this.#tails.size > 0) await Promise.all(this.#tails.values());
	}
}
