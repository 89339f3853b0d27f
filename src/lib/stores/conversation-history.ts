// The order of a conversation's history (messages and events merged by time), kept up to date
// from the keys a change touched instead of re-reading and re-sorting every record: a contact
// with 10,000 messages costs one sort when it opens, then a binary search per changed record.
// Records are placed by their raw `at`; they are parsed (and invalid ones skipped) only when
// the view shows them, so opening never validates 10,000 records it will not display.

export type HistoryKind = 'message' | 'event';

export interface HistoryRef {
	readonly kind: HistoryKind;
	readonly id: string;
	readonly at: number;
}

/** One change: the record's current raw value, or `undefined` when it was deleted. */
export interface HistoryChange {
	kind: HistoryKind;
	id: string;
	raw: unknown;
}

/** Above this share of the history changed at once (a first sync), one sort beats many inserts. */
const REBUILD_SHARE = 0.125;

export const refKey = (kind: HistoryKind, id: string) => `${kind}:${id}`;

/** Time, then id, then kind: the same total order on every replica, like the shared readers. */
export function compareRefs(a: HistoryRef, b: HistoryRef): number {
	if (a.at !== b.at) return a.at - b.at;
	if (a.id !== b.id) return a.id < b.id ? -1 : 1;
	return a.kind === b.kind ? 0 : a.kind === 'event' ? -1 : 1;
}

/**
 * The time a raw record would be shown at, or null when it has none (such a record is invalid
 * and never shown). Events the conversation does not show (profile edits, which belong in the
 * Activity tab) are left out here, so windows count only what they display.
 */
export function placeOf(kind: HistoryKind, raw: unknown): number | null {
	if (typeof raw !== 'object' || raw === null) return null;
	const { at, type } = raw as { at?: unknown; type?: unknown };
	if (typeof at !== 'number' || !Number.isFinite(at)) return null;
	if (kind === 'event' && type === 'profile_updated') return null;
	return at;
}

export class HistoryIndex {
	#refs: HistoryRef[] = [];
	readonly #byKey = new Map<string, HistoryRef>();

	get length(): number {
		return this.#refs.length;
	}

	at(index: number): HistoryRef | undefined {
		return this.#refs[index];
	}

	slice(start: number, end: number): HistoryRef[] {
		return this.#refs.slice(start, end);
	}

	/** Position of a record, or -1. */
	indexOf(kind: HistoryKind, id: string): number {
		const ref = this.#byKey.get(refKey(kind, id));
		if (!ref) return -1;
		const index = this.#lowerBound(ref);
		return this.#refs[index] === ref ? index : -1;
	}

	/** Applies changed records; returns whether the order or membership changed. */
	apply(changes: readonly HistoryChange[]): boolean {
		if (changes.length === 0) return false;
		if (changes.length > Math.max(64, this.#refs.length * REBUILD_SHARE)) return this.#rebuild(changes);
		let changed = false;
		for (const change of changes) {
			const key = refKey(change.kind, change.id);
			const old = this.#byKey.get(key);
			const at = placeOf(change.kind, change.raw);
			if (old && old.at === at) continue;
			if (old) {
				this.#refs.splice(this.#lowerBound(old), 1);
				this.#byKey.delete(key);
				changed = true;
			}
			if (at === null) continue;
			const ref: HistoryRef = { kind: change.kind, id: change.id, at };
			this.#refs.splice(this.#lowerBound(ref), 0, ref);
			this.#byKey.set(key, ref);
			changed = true;
		}
		return changed;
	}

	#rebuild(changes: readonly HistoryChange[]): boolean {
		for (const change of changes) {
			const key = refKey(change.kind, change.id);
			const at = placeOf(change.kind, change.raw);
			if (at === null) this.#byKey.delete(key);
			else this.#byKey.set(key, { kind: change.kind, id: change.id, at });
		}
		this.#refs = [...this.#byKey.values()].sort(compareRefs);
		return true;
	}

	/** First position whose ref is not before `ref` (refs are unique, so an equal one is it). */
	#lowerBound(ref: HistoryRef): number {
		let low = 0;
		let high = this.#refs.length;
		while (low < high) {
			const mid = (low + high) >>> 1;
			if (compareRefs(this.#refs[mid] as HistoryRef, ref) < 0) low = mid + 1;
			else high = mid;
		}
		return low;
	}
}
