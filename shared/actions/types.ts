import type * as Y from 'yjs';
import type { Actor } from '../schemas/index.ts';

/**
 * What an action needs besides documents: a clock and an id source. Injected so tests and the
 * fuzzer replay exactly from a seed; the app passes `Date.now` and random ids.
 */
export interface ActionEnv {
	now: () => number;
	newId: () => string;
}

/** The documents one contact's actions touch. `workspace` only where a catalogue changes. */
export interface ContactDocs {
	index: Y.Doc;
	contact: Y.Doc;
}

/** `addTag` also creates the tag in the workspace catalogue the first time it is used. */
export interface TaggingDocs extends ContactDocs {
	workspace: Y.Doc;
}

/** Comments and delivery reports live in the contact document only. */
export interface ConversationDocs {
	contact: Y.Doc;
}

/** Catalogue actions (members, segments, snippets, fields, channels, meta). */
export interface WorkspaceDocs {
	workspace: Y.Doc;
}

/** Drafts and preferences: the acting agent's own document. */
export interface AgentDocs {
	agent: Y.Doc;
}

/** `markRead` reads the contact's incoming total from the index and writes the agent's marker. */
export interface ReadDocs {
	index: Y.Doc;
	agent: Y.Doc;
}

/**
 * Transaction origin of every document change. Persistence and the UI tell local actions from
 * remote updates by it; Hocuspocus uses connection objects as origins for what it applies.
 */
export interface ActionOrigin {
	kind: 'action';
	action: string;
	actor: Actor;
}

export const actionOrigin = (action: string, actor: Actor): ActionOrigin => ({ kind: 'action', action, actor });

export function isActionOrigin(origin: unknown): origin is ActionOrigin {
	return typeof origin === 'object' && origin !== null && (origin as { kind?: unknown }).kind === 'action';
}

/** Random ids for the app: 16 url-safe characters from the platform's CSPRNG. */
export function randomId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(12));
	let id = '';
	for (const byte of bytes) id += 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[byte & 63];
	return id;
}

export const defaultEnv: ActionEnv = { now: () => Date.now(), newId: randomId };
