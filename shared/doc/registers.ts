import type * as Y from 'yjs';

// Conflict-free registers on flat root maps. A plain `Y.Map.set` resolves concurrent writes
// by client id, which is wrong for "latest message" and loses increments for counters, so
// these keep one key per writer (`{owner}|{writer}`; the writer is the replica's Y client id,
// which only that replica ever writes) and combine the keys on read.

export const KEY_SEPARATOR = '|';

export function ownerOfKey(key: string): string {
	const at = key.indexOf(KEY_SEPARATOR);
	return at === -1 ? key : key.slice(0, at);
}

export function writerKey(owner: string, doc: Y.Doc): string {
	return `${owner}${KEY_SEPARATOR}${doc.clientID}`;
}

function keysOf(map: Y.Map<unknown>, owner: string): string[] {
	const prefix = owner + KEY_SEPARATOR;
	const keys: string[] = [];
	for (const key of map.keys()) if (key.startsWith(prefix)) keys.push(key);
	return keys;
}

/** Counter: each writer increments its own key; the value is the sum. */
export function incrementCounter(map: Y.Map<unknown>, owner: string, doc: Y.Doc, by = 1): void {
	const key = writerKey(owner, doc);
	const current = map.get(key);
	map.set(key, (typeof current === 'number' ? current : 0) + by);
}

export function readCounter(map: Y.Map<unknown>, owner: string): number {
	let sum = 0;
	for (const key of keysOf(map, owner)) {
		const value = map.get(key);
		if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) sum += value;
	}
	return sum;
}

/**
 * Max register: each writer writes its own key; the value is the greatest by `compare`.
 * A writer drops the entries it sees are smaller, so the map holds few keys per owner; an
 * entry a concurrent writer sets meanwhile is a new item the delete does not touch.
 */
export function writeMax<T>(
	map: Y.Map<unknown>,
	owner: string,
	doc: Y.Doc,
	value: T,
	compare: (a: T, b: T) => number,
	parse: (raw: unknown) => T | null
): boolean {
	const current = readMax(map, owner, compare, parse);
	if (current !== null && compare(current, value) >= 0) return false;
	for (const key of keysOf(map, owner)) map.delete(key);
	map.set(writerKey(owner, doc), value);
	return true;
}

export function readMax<T>(
	map: Y.Map<unknown>,
	owner: string,
	compare: (a: T, b: T) => number,
	parse: (raw: unknown) => T | null
): T | null {
	let best: T | null = null;
	for (const key of keysOf(map, owner)) {
		const value = parse(map.get(key));
		if (value !== null && (best === null || compare(value, best) > 0)) best = value;
	}
	return best;
}
