import type * as Y from 'yjs';
import { readCustomFields, readMembers, readSnippets, readTags } from '$shared/doc/index.ts';
import type { CustomField, Member, Role, Snippet, Tag } from '$shared/schemas/index.ts';
import { FrameBatch, type Scheduler } from './frame.ts';

// The workspace catalogues the details column and the settings pages show: members (names,
// roles, colours), tags, custom field definitions and snippets. Re-read at most once a frame.

export class CatalogueStore {
	readonly #doc: Y.Doc;
	readonly #batch: FrameBatch;
	readonly #onUpdate = () => this.#batch.request();
	#members = $state.raw<Member[]>([]);
	#tags = $state.raw<Tag[]>([]);
	#fields = $state.raw<CustomField[]>([]);
	#snippets = $state.raw<Snippet[]>([]);
	// Rebuilt whenever the lists change and never mutated, so plain Maps are enough.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#memberById = $derived(new Map(this.#members.map((member) => [member.id, member])));
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#tagByKey = $derived(new Map(this.#tags.map((tag) => [tag.key, tag])));

	constructor(workspaceDoc: Y.Doc, schedule?: Scheduler) {
		this.#doc = workspaceDoc;
		this.#batch = new FrameBatch(() => this.#refresh(), schedule);
		workspaceDoc.on('update', this.#onUpdate);
		this.#refresh();
	}

	get members(): readonly Member[] {
		return this.#members;
	}

	get tags(): readonly Tag[] {
		return this.#tags;
	}

	/** Custom field definitions in their display order. */
	get fields(): readonly CustomField[] {
		return this.#fields;
	}

	get snippets(): readonly Snippet[] {
		return this.#snippets;
	}

	member(id: string): Member | undefined {
		return this.#memberById.get(id);
	}

	tag(key: string): Tag | undefined {
		return this.#tagByKey.get(key);
	}

	/** The member's role as the workspace document has it; null for someone not (yet) listed. */
	roleOf(userId: string): Role | null {
		return this.member(userId)?.role ?? null;
	}

	#refresh(): void {
		this.#members = readMembers(this.#doc);
		this.#tags = readTags(this.#doc);
		this.#fields = readCustomFields(this.#doc);
		this.#snippets = readSnippets(this.#doc);
	}

	destroy(): void {
		this.#batch.stop();
		this.#doc.off('update', this.#onUpdate);
	}
}
