import type * as Y from 'yjs';
import { readMembers, readWorkspaceMeta, workspaceMaps } from '$shared/doc/index.ts';
import type { Member } from '$shared/schemas/index.ts';
import { FrameBatch, type Scheduler } from './frame.ts';

// The workspace catalogue the list needs: its name and members (assignee names and colours).

export class WorkspaceStore {
	readonly #doc: Y.Doc;
	readonly #batch: FrameBatch;
	readonly #fallbackName: string;
	#name = $state('');
	#members = $state.raw<Member[]>([]);
	// Rebuilt whenever members change and never mutated, so a plain Map is enough.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#byId = $derived(new Map(this.#members.map((member) => [member.id, member])));
	readonly #onUpdate = () => this.#batch.request();

	/** `fallbackName` is the name the server gave at log-in, shown until the document has one. */
	constructor(doc: Y.Doc, fallbackName: string, schedule?: Scheduler) {
		this.#doc = doc;
		this.#fallbackName = fallbackName;
		this.#batch = new FrameBatch(() => this.#refresh(), schedule);
		doc.on('update', this.#onUpdate);
		this.#refresh();
	}

	get name(): string {
		return this.#name;
	}

	get members(): readonly Member[] {
		return this.#members;
	}

	member(id: string | null): Member | undefined {
		return id === null ? undefined : this.#byId.get(id);
	}

	#refresh(): void {
		// Before the first sync there is no meta record: not an invalid one worth reporting.
		const meta = workspaceMaps(this.#doc).meta.has('meta') ? readWorkspaceMeta(this.#doc) : null;
		this.#name = meta?.name ?? this.#fallbackName;
		this.#members = readMembers(this.#doc);
	}

	destroy(): void {
		this.#batch.stop();
		this.#doc.off('update', this.#onUpdate);
	}
}
