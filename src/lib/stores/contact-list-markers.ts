import type * as Y from 'yjs';
import { agentMaps, ownerOfKey, parseCount } from '$shared/doc/index.ts';

// This agent's read markers, kept up to date from the keys each transaction of the agent
// document touched. Reading a contact changes one marker; re-reading every marker
// (`readMarkers`, one pass over up to 50,000 keys) for that would cost a frame each time.
// Same meaning as `readMarkers`: a contact's marker is the greatest valid count among its
// `{contactId}|{writer}` keys; a contact with none reads as 0.

export interface MarkerChange {
	contactId: string;
	before: number;
	after: number;
}

export class ReadMarkers {
	readonly #doc: Y.Doc;
	readonly #map: Y.Map<unknown>;
	readonly #values = new Map<string, number>();
	/** Each contact's keys, so one contact's marker is read without scanning the map. */
	readonly #keys = new Map<string, Set<string>>();
	#dirty = new Set<string>();
	#full = true;
	readonly #onChange: () => void;
	readonly #onTransaction = (transaction: Y.Transaction) => {
		let keys: Set<string | null> | undefined;
		for (const [type, changed] of transaction.changed) if ((type as unknown) === this.#map) keys = changed;
		if (!keys) return;
		for (const key of keys) if (key !== null) this.#dirty.add(key);
		this.#onChange();
	};

	constructor(doc: Y.Doc, onChange: () => void) {
		this.#doc = doc;
		this.#map = agentMaps(doc).read;
		this.#onChange = onChange;
		doc.on('afterTransaction', this.#onTransaction);
	}

	get pending(): boolean {
		return this.#full || this.#dirty.size > 0;
	}

	/** The markers by contact id (contacts never read are absent). */
	get values(): ReadonlyMap<string, number> {
		return this.#values;
	}

	get(contactId: string): number {
		return this.#values.get(contactId) ?? 0;
	}

	/** Applies what changed since the last call; returns the markers that moved. */
	refresh(): MarkerChange[] {
		const owners = new Set<string>();
		if (this.#full) {
			this.#full = false;
			this.#dirty.clear();
			for (const id of this.#values.keys()) owners.add(id);
			this.#keys.clear();
			for (const key of this.#map.keys()) this.#track(key, owners);
		} else {
			for (const key of this.#dirty) this.#track(key, owners);
			this.#dirty.clear();
		}
		const changes: MarkerChange[] = [];
		for (const contactId of owners) {
			const before = this.get(contactId);
			const after = this.#read(contactId);
			if (after === null) this.#values.delete(contactId);
			else this.#values.set(contactId, after);
			if ((after ?? 0) !== before) changes.push({ contactId, before, after: after ?? 0 });
		}
		return changes;
	}

	#track(key: string, owners: Set<string>): void {
		if (key.indexOf('|') === -1) return;
		const owner = ownerOfKey(key);
		owners.add(owner);
		let keys = this.#keys.get(owner);
		if (this.#map.has(key)) {
			if (!keys) this.#keys.set(owner, (keys = new Set()));
			keys.add(key);
		} else if (keys) {
			keys.delete(key);
			if (keys.size === 0) this.#keys.delete(owner);
		}
	}

	#read(contactId: string): number | null {
		let best: number | null = null;
		for (const key of this.#keys.get(contactId) ?? []) {
			const value = parseCount(this.#map.get(key));
			if (value !== null && (best === null || value > best)) best = value;
		}
		return best;
	}

	destroy(): void {
		this.#doc.off('afterTransaction', this.#onTransaction);
	}
}
