import { z } from 'zod';
import type { SwitchboardDb } from './db.ts';

// The user's actions the server has not acknowledged yet, for "N changes waiting". Providers
// count updates per document (an assignment is two: index shard and contact), and forget their
// count on reload; this counts actions, and is kept in IndexedDB so a reload offline still shows
// what is waiting and reopens the documents that must still send it.

const entrySchema = z.object({ id: z.string(), action: z.string(), docs: z.array(z.string()), at: z.number() });
export type PendingAction = z.infer<typeof entrySchema>;

export class PendingActions {
	readonly #db: SwitchboardDb;
	readonly #key: string;
	readonly #onChange: () => void;
	#entries: PendingAction[] = [];
	#saving: Promise<unknown> = Promise.resolve();

	constructor(db: SwitchboardDb, scope: string, onChange: () => void = () => {}) {
		this.#db = db;
		this.#key = `pending:${scope}`;
		this.#onChange = onChange;
	}

	async load(): Promise<void> {
		const row = await this.#db.meta.get(this.#key);
		const parsed = z.array(entrySchema).safeParse(row?.value ?? []);
		this.#entries = parsed.success ? parsed.data : [];
		this.#onChange();
	}

	get count(): number {
		return this.#entries.length;
	}

	/** Document names that still owe the server an update. */
	docs(): Set<string> {
		return new Set(this.#entries.flatMap((entry) => entry.docs));
	}

	has(doc: string): boolean {
		return this.#entries.some((entry) => entry.docs.includes(doc));
	}

	/** When the oldest action still waiting on `doc` was made, or null when none is. */
	since(doc: string): number | null {
		let oldest: number | null = null;
		for (const entry of this.#entries) {
			if (entry.docs.includes(doc) && (oldest === null || entry.at < oldest)) oldest = entry.at;
		}
		return oldest;
	}

	add(entry: PendingAction): void {
		this.#entries = [...this.#entries, entry];
		this.#changed();
	}

	/** The server applied everything `doc` sent: actions waiting only on it are done. */
	acknowledge(doc: string): void {
		if (!this.has(doc)) return;
		this.#entries = this.#entries
			.map((entry) => ({ ...entry, docs: entry.docs.filter((name) => name !== doc) }))
			.filter((entry) => entry.docs.length > 0);
		this.#changed();
	}

	#changed(): void {
		const value = this.#entries;
		// Writes are chained so an older list never overwrites a newer one.
		this.#saving = this.#saving
			.then(() => this.#db.meta.put({ key: this.#key, value }))
			.catch((error) => console.error('switchboard: could not store pending actions', error));
		this.#onChange();
	}

	/** Resolves when the list on disk matches the one in memory. */
	settled(): Promise<unknown> {
		return this.#saving;
	}
}
