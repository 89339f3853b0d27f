// Due times by key, earliest first: a binary min-heap with lazy deletion. Setting or deleting
// a key only records its current time in a map; stale heap entries are skipped when they reach
// the top. Changes (a contact snoozed, re-snoozed, woken by an agent) are far more frequent
// than expiries, so both are O(log n) and nothing is ever searched linearly.

interface Entry {
	key: string;
	due: number;
}

export class ExpirySchedule {
	readonly #due = new Map<string, number>();
	readonly #heap: Entry[] = [];

	get size(): number {
		return this.#due.size;
	}

	get(key: string): number | undefined {
		return this.#due.get(key);
	}

	/** The key is due at `due` (replacing any earlier time). */
	set(key: string, due: number): void {
		if (this.#due.get(key) === due) return;
		this.#due.set(key, due);
		this.#push({ key, due });
		// Re-snoozing one contact over and over leaves stale entries behind; rebuild when they dominate.
		if (this.#heap.length > 2 * this.#due.size + 64) this.#rebuild();
	}

	/** Keeps the earlier of the known time and `due`: for reads that may be older than the known one. */
	setEarliest(key: string, due: number): void {
		const known = this.#due.get(key);
		if (known === undefined || due < known) this.set(key, due);
	}

	delete(key: string): void {
		this.#due.delete(key);
	}

	/** The earliest due time, or null when nothing is scheduled. */
	next(): number | null {
		this.#dropStale();
		return this.#heap[0]?.due ?? null;
	}

	/** Removes and returns up to `limit` keys due at or before `now`, earliest first. */
	takeDue(now: number, limit = Infinity): string[] {
		const keys: string[] = [];
		while (keys.length < limit) {
			this.#dropStale();
			const top = this.#heap[0];
			if (!top || top.due > now) break;
			this.#pop();
			this.#due.delete(top.key);
			keys.push(top.key);
		}
		return keys;
	}

	/** Pops heap entries that no longer match the key's current time. */
	#dropStale(): void {
		for (let top = this.#heap[0]; top && this.#due.get(top.key) !== top.due; top = this.#heap[0]) this.#pop();
	}

	#rebuild(): void {
		this.#heap.length = 0;
		for (const [key, due] of this.#due) this.#push({ key, due });
	}

	#push(entry: Entry): void {
		const heap = this.#heap;
		heap.push(entry);
		let i = heap.length - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (heap[parent]!.due <= entry.due) break;
			heap[i] = heap[parent]!;
			i = parent;
		}
		heap[i] = entry;
	}

	#pop(): void {
		const heap = this.#heap;
		const last = heap.pop();
		if (!last || heap.length === 0) return;
		let i = 0;
		for (;;) {
			const left = 2 * i + 1;
			if (left >= heap.length) break;
			const right = left + 1;
			const child = right < heap.length && heap[right]!.due < heap[left]!.due ? right : left;
			if (heap[child]!.due >= last.due) break;
			heap[i] = heap[child]!;
			i = child;
		}
		heap[i] = last;
	}
}
