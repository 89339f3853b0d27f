import type * as Y from 'yjs';
import {
	deleteCustomField,
	deleteSnippet,
	randomId,
	upsertCustomField,
	upsertSnippet
} from '$shared/actions/index.ts';
import type { Actor, CustomField, Snippet } from '$shared/schemas/index.ts';
import type { Inbox } from './inbox-session.ts';

// Catalogue changes from the settings pages: snippets and custom field definitions, each one
// shared action on the workspace document through InboxService.perform.

export type SnippetDraft = Omit<Snippet, 'id'> & { id?: string };
export type FieldDraft = Omit<CustomField, 'id' | 'position'> & { id?: string; position?: number };

/**
 * Where a field lands when moved one place up or down: between its new neighbours. One record
 * changes, so two agents reordering different fields at once both keep their move.
 */
export function movedPosition(fields: readonly CustomField[], id: string, direction: -1 | 1): number | null {
	const at = fields.findIndex((field) => field.id === id);
	const target = at + direction;
	const neighbour = fields[target];
	if (at === -1 || !neighbour) return null;
	const beyond = fields[target + direction];
	if (!beyond) return neighbour.position + direction;
	return (neighbour.position + beyond.position) / 2;
}

export class SettingsService {
	readonly #inbox: Pick<Inbox, 'client' | 'service'>;

	constructor(inbox: Pick<Inbox, 'client' | 'service'>) {
		this.#inbox = inbox;
	}

	saveSnippet(draft: SnippetDraft): Snippet {
		const snippet: Snippet = { id: draft.id ?? randomId(), shortcut: draft.shortcut, text: draft.text };
		return this.#run('upsertSnippet', (docs, actor) => upsertSnippet(docs, snippet, actor));
	}

	deleteSnippet(id: string): boolean {
		return this.#run('deleteSnippet', (docs, actor) => deleteSnippet(docs, { id }, actor));
	}

	/** A new field goes last; `fields` is the current list, for that position. */
	saveField(draft: FieldDraft, fields: readonly CustomField[]): CustomField {
		const last = fields.reduce((max, field) => Math.max(max, field.position), 0);
		const field: CustomField = {
			id: draft.id ?? randomId(),
			label: draft.label,
			type: draft.type,
			options: draft.type === 'choice' ? draft.options : [],
			position: draft.position ?? last + 1
		};
		return this.#run('upsertCustomField', (docs, actor) => upsertCustomField(docs, field, actor));
	}

	moveField(fields: readonly CustomField[], id: string, direction: -1 | 1): void {
		const field = fields.find((candidate) => candidate.id === id);
		const position = movedPosition(fields, id, direction);
		if (!field || position === null) return;
		this.#run('upsertCustomField', (docs, actor) => upsertCustomField(docs, { ...field, position }, actor));
	}

	deleteField(id: string): boolean {
		return this.#run('deleteCustomField', (docs, actor) => deleteCustomField(docs, { id }, actor));
	}

	#run<T>(action: string, fn: (docs: { workspace: Y.Doc }, actor: Actor) => T): T {
		const { client, service } = this.#inbox;
		const docs = { workspace: client.workspaceDoc };
		return service.perform(action, null, [docs.workspace], () => fn(docs, service.actor));
	}
}
