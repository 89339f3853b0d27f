import { PREDEFINED_SEGMENTS, PREDEFINED_SEGMENT_IDS, type PredefinedSegmentId } from '$shared/query/index.ts';
import type { SegmentFilter } from '$shared/schemas/index.ts';
import type { SegmentCatalog } from './segment-catalog.svelte.ts';
import { isEmptyFilter, normalizeFilter } from './segment-draft.ts';

// Which contacts the list shows: a predefined or saved segment, or the builder's preview. The
// builder edits a draft; while the draft says anything, the list previews it, and the preview
// stays after the builder closes until the agent presses Clear (as the spec describes) or picks
// a segment. Editing a saved segment previews the edit; closing without saving drops it.

export type SegmentRef = { kind: 'predefined'; id: PredefinedSegmentId } | { kind: 'saved'; id: string };

export interface BuilderState {
	/** The saved segment being edited, or null for a new one. */
	editingId: string | null;
	name: string;
	draft: SegmentFilter;
}

const DEFAULT: SegmentRef = { kind: 'predefined', id: 'new' };

export class SegmentView {
	readonly #catalog: SegmentCatalog;
	readonly #storageKey: string | null;
	#selected = $state<SegmentRef>(DEFAULT);
	#builder = $state<BuilderState | null>(null);
	/** The preview left in the list after the builder closed. */
	#kept = $state<SegmentFilter | null>(null);

	/** `storageKey` remembers the agent's segment across visits (null: remember nothing). */
	constructor(catalog: SegmentCatalog, storageKey: string | null = null) {
		this.#catalog = catalog;
		this.#storageKey = storageKey;
		this.#selected = this.#restore() ?? DEFAULT;
	}

	get selected(): SegmentRef {
		// A saved segment deleted meanwhile (by anyone) falls back to All.
		const ref = this.#selected;
		if (ref.kind === 'saved' && !this.#catalog.segment(ref.id)) return { kind: 'predefined', id: 'all' };
		return ref;
	}

	get builder(): BuilderState | null {
		return this.#builder;
	}

	/** The filter being previewed, or null when the list shows the selected segment. */
	get preview(): SegmentFilter | null {
		const builder = this.#builder;
		if (builder) return builder.editingId !== null || !isEmptyFilter(builder.draft) ? builder.draft : null;
		return this.#kept;
	}

	/** What the list applies now. */
	get filter(): SegmentFilter {
		return this.preview ?? this.filterOf(this.selected);
	}

	filterOf(ref: SegmentRef): SegmentFilter {
		if (ref.kind === 'predefined') return PREDEFINED_SEGMENTS[ref.id].filter;
		return this.#catalog.segment(ref.id)?.filter ?? PREDEFINED_SEGMENTS.all.filter;
	}

	nameOf(ref: SegmentRef): string {
		if (ref.kind === 'predefined') return PREDEFINED_SEGMENTS[ref.id].name;
		return this.#catalog.segment(ref.id)?.name ?? 'All';
	}

	isSelected(ref: SegmentRef): boolean {
		const current = this.selected;
		return current.kind === ref.kind && current.id === ref.id;
	}

	select(ref: SegmentRef): void {
		this.#selected = ref;
		this.#kept = null;
		this.#builder = null;
		this.#persist();
	}

	/** Opens the builder for a new segment, starting from the preview in the list, if any. */
	openNew(): void {
		this.#builder = { editingId: null, name: '', draft: this.#kept ?? {} };
	}

	openEdit(id: string): void {
		const segment = this.#catalog.segment(id);
		if (!segment) return;
		this.#builder = { editingId: id, name: segment.name, draft: segment.filter };
	}

	setDraft(draft: SegmentFilter): void {
		if (this.#builder) this.#builder = { ...this.#builder, draft: normalizeFilter(draft) };
	}

	setName(name: string): void {
		if (this.#builder) this.#builder = { ...this.#builder, name };
	}

	/** Clear: the draft constrains nothing and the list shows the selected segment again. */
	clear(): void {
		if (this.#builder) this.#builder = { ...this.#builder, draft: {} };
		this.#kept = null;
	}

	/** Closes the builder; a new segment's draft stays as the list's preview, an edit is dropped. */
	close(): void {
		const builder = this.#builder;
		if (!builder) return;
		this.#kept = builder.editingId === null && !isEmptyFilter(builder.draft) ? builder.draft : null;
		this.#builder = null;
	}

	/** After a save: the list shows the saved segment. */
	saved(id: string): void {
		this.select({ kind: 'saved', id });
	}

	#restore(): SegmentRef | null {
		if (this.#storageKey === null || typeof localStorage === 'undefined') return null;
		const raw = localStorage.getItem(this.#storageKey);
		if (!raw) return null;
		const [kind, id] = raw.split(':');
		if (kind === 'predefined' && (PREDEFINED_SEGMENT_IDS as readonly string[]).includes(id ?? '')) {
			return { kind, id: id as PredefinedSegmentId };
		}
		if (kind === 'saved' && id) return { kind, id };
		return null;
	}

	#persist(): void {
		if (this.#storageKey === null || typeof localStorage === 'undefined') return;
		try {
			localStorage.setItem(this.#storageKey, `${this.#selected.kind}:${this.#selected.id}`);
		} catch {
			// Private mode or a full quota: the choice just is not remembered.
		}
	}
}
