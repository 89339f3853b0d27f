import type * as Y from 'yjs';
import { readSnippets, readTags } from '$shared/doc/index.ts';
import type { Snippet, Tag } from '$shared/schemas/index.ts';
import { FrameBatch, type Scheduler } from './frame.ts';

// The parts of the workspace catalogue the conversation column needs beyond members: snippets
// for the composer's `/` picker and tag labels for "Tag removed" lines. Live: a snippet saved
// in settings by another agent is offered at once.

export class ConversationCatalog {
	readonly #doc: Y.Doc;
	readonly #batch: FrameBatch;
	#snippets = $state.raw<Snippet[]>([]);
	#tags = $state.raw<Tag[]>([]);
	// Rebuilt with #tags and never mutated.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#tagLabels = $derived(new Map(this.#tags.map((tag) => [tag.key, tag.label])));
	readonly #onUpdate = () => this.#batch.request();

	constructor(workspaceDoc: Y.Doc, schedule?: Scheduler) {
		this.#doc = workspaceDoc;
		this.#batch = new FrameBatch(() => this.#refresh(), schedule);
		workspaceDoc.on('update', this.#onUpdate);
		this.#refresh();
	}

	get snippets(): readonly Snippet[] {
		return this.#snippets;
	}

	tagLabel(key: string): string | null {
		return this.#tagLabels.get(key) ?? null;
	}

	#refresh(): void {
		this.#snippets = readSnippets(this.#doc);
		this.#tags = readTags(this.#doc);
	}

	destroy(): void {
		this.#batch.stop();
		this.#doc.off('update', this.#onUpdate);
	}
}
