import { z } from 'zod';
import { workspaceMaps, type WorkspaceMapName } from '../doc/workspace-doc.ts';
import {
	channelSchema,
	customFieldSchema,
	idSchema,
	memberSchema,
	segmentSchema,
	snippetSchema,
	timestampSchema,
	workspaceMetaSchema,
	type Actor,
	type Channel,
	type CustomField,
	type Member,
	type Segment,
	type Snippet,
	type WorkspaceMeta
} from '../schemas/index.ts';
import { parseActor, parseInput } from './input.ts';
import { defaultEnv, type ActionEnv, type WorkspaceDocs } from './types.ts';
import { transactAs } from './write.ts';

// Catalogue actions: each replaces or deletes one whole record of a workspace root map, keyed
// by id. Records are small and edited rarely, so last writer wins per record is enough; no
// events (the contact history is about contacts).

export const deleteByIdInputSchema = z.object({ id: idSchema });
export type DeleteByIdInput = z.input<typeof deleteByIdInputSchema>;

function upsert<S extends z.ZodType<{ id: string }>>(
	action: string,
	map: WorkspaceMapName,
	schema: S,
	docs: WorkspaceDocs,
	input: unknown,
	actor: Actor
): z.output<S> {
	const who = parseActor(action, actor);
	const record = parseInput(action, schema, input);
	transactAs(docs.workspace, action, who, () => workspaceMaps(docs.workspace)[map].set(record.id, record));
	return record;
}

function remove(action: string, map: WorkspaceMapName, docs: WorkspaceDocs, input: unknown, actor: Actor): boolean {
	const who = parseActor(action, actor);
	const { id } = parseInput(action, deleteByIdInputSchema, input);
	const records = workspaceMaps(docs.workspace)[map];
	if (!records.has(id)) return false;
	transactAs(docs.workspace, action, who, () => records.delete(id));
	return true;
}

export function setWorkspaceMeta(
	docs: WorkspaceDocs,
	input: WorkspaceMeta,
	actor: Actor,
	_env: ActionEnv = defaultEnv
): WorkspaceMeta {
	const who = parseActor('setWorkspaceMeta', actor);
	const meta = parseInput('setWorkspaceMeta', workspaceMetaSchema, input);
	transactAs(docs.workspace, 'setWorkspaceMeta', who, () => workspaceMaps(docs.workspace).meta.set('meta', meta));
	return meta;
}

export const upsertMember = (docs: WorkspaceDocs, input: Member, actor: Actor, _env: ActionEnv = defaultEnv): Member =>
	upsert('upsertMember', 'members', memberSchema, docs, input, actor);
export const removeMember = (docs: WorkspaceDocs, input: DeleteByIdInput, actor: Actor, _env: ActionEnv = defaultEnv) =>
	remove('removeMember', 'members', docs, input, actor);

/** `createdBy` and `createdAt` default to the actor and `env.now()` for a new segment. */
export const upsertSegmentInputSchema = segmentSchema.extend({
	createdBy: idSchema.optional(),
	createdAt: timestampSchema.optional()
});
export type UpsertSegmentInput = z.input<typeof upsertSegmentInputSchema>;

export function upsertSegment(
	docs: WorkspaceDocs,
	input: UpsertSegmentInput,
	actor: Actor,
	env: ActionEnv = defaultEnv
): Segment {
	const who = parseActor('upsertSegment', actor);
	const parsed = parseInput('upsertSegment', upsertSegmentInputSchema, input);
	const record = { ...parsed, createdBy: parsed.createdBy ?? who.id, createdAt: parsed.createdAt ?? env.now() };
	return upsert('upsertSegment', 'segments', segmentSchema, docs, record, who);
}
export const deleteSegment = (docs: WorkspaceDocs, input: DeleteByIdInput, actor: Actor, _env: ActionEnv = defaultEnv) =>
	remove('deleteSegment', 'segments', docs, input, actor);

export const upsertSnippet = (docs: WorkspaceDocs, input: Snippet, actor: Actor, _env: ActionEnv = defaultEnv): Snippet =>
	upsert('upsertSnippet', 'snippets', snippetSchema, docs, input, actor);
export const deleteSnippet = (docs: WorkspaceDocs, input: DeleteByIdInput, actor: Actor, _env: ActionEnv = defaultEnv) =>
	remove('deleteSnippet', 'snippets', docs, input, actor);

export const upsertCustomField = (
	docs: WorkspaceDocs,
	input: CustomField,
	actor: Actor,
	_env: ActionEnv = defaultEnv
): CustomField => upsert('upsertCustomField', 'fields', customFieldSchema, docs, input, actor);
export const deleteCustomField = (docs: WorkspaceDocs, input: DeleteByIdInput, actor: Actor, _env: ActionEnv = defaultEnv) =>
	remove('deleteCustomField', 'fields', docs, input, actor);

/** Channels carry no secrets (those stay on the server), so the whole record syncs. */
export const upsertChannel = (docs: WorkspaceDocs, input: Channel, actor: Actor, _env: ActionEnv = defaultEnv): Channel =>
	upsert('upsertChannel', 'channels', channelSchema, docs, input, actor);
/** The channel's server-side row (secret, outbound URL) is deleted by the channels API beside it. */
export const deleteChannel = (docs: WorkspaceDocs, input: DeleteByIdInput, actor: Actor, _env: ActionEnv = defaultEnv) =>
	remove('deleteChannel', 'channels', docs, input, actor);
