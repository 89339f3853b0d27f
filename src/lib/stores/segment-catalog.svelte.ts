import type * as Y from 'yjs';
import { readSegments, readTags, workspaceMaps } from '$shared/doc/index.ts';
import type { Segment, Tag } from '$shared/schemas/index.ts';
import { FrameBatch, type Scheduler } from './frame.ts';

// The workspace's saved segments and tag catalogue, live: a segment another agent saves shows
// in the selector within a frame of its update arriving. Only changes to those two maps
// re-read them (members, snippets and the rest change on their own).

export class SegmentCatalog {
	readonly #doc: Y.Doc;
	readonly #batch: FrameBatch;
	#segments = $state.raw<readonly Segment[]>([]);
	#tags = $state.raw<readonly Tag[]>([]);
	// Rebuilt with the list and never mutated.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#tagLabels = $derived(new Map(this.#tags.map((tag) => [tag.key, tag.label])));
	readonly #unobserve: (() => void)[] = [];

	constructor(doc: Y.Doc, schedule?: Scheduler) {
		this.#doc = doc;
		this.#batch = new FrameBatch(() => this.#refresh(), schedule);
		const maps = workspaceMaps(doc);
		for (const map of [maps.segments, maps.tags]) {
			const observer = () => this.#batch.request();
			map.observe(observer);
			this.#unobserve.push(() => map.unobserve(observer));
		}
		this.#refresh();
	}

	/** Saved segments by name. */
	get segments(): readonly Segment[] {
		return this.#segments;
	}

	get tags(): readonly Tag[] {
		return this.#tags;
	}

	/** Tag labels by key: rows hold keys, people read labels. */
	get tagLabels(): ReadonlyMap<string, string> {
		return this.#tagLabels;
	}

	segment(id: string): Segment | undefined {
		return this.#segments.find((segment) => segment.id === id);
	}

	/** Re-reads at once, e.g. right after this agent saved a segment it is about to select. */
	refreshNow(): void {
		this.#refresh();
	}

	#refresh(): void {
		this.#segments = readSegments(this.#doc);
		this.#tags = readTags(this.#doc);
	}

	destroy(): void {
		this.#batch.stop();
		for (const off of this.#unobserve) off();
	}
}
