import type * as Y from 'yjs';
import {
	channelSchema,
	customFieldSchema,
	memberSchema,
	segmentSchema,
	snippetSchema,
	tagSchema,
	workspaceMetaSchema,
	type Channel,
	type CustomField,
	type Member,
	type Segment,
	type Snippet,
	type Tag,
	type WorkspaceMeta
} from '../schemas/index.ts';
import { readRecord, readRecords } from './read.ts';

// `workspace/{wid}`: small catalogues every agent loads: members, tags, custom field
// definitions, segments, snippets and channels, each a root map of JSON records by id.

export const WORKSPACE_MAPS = ['meta', 'members', 'tags', 'fields', 'segments', 'snippets', 'channels'] as const;
export type WorkspaceMapName = (typeof WORKSPACE_MAPS)[number];
export type WorkspaceMaps = Record<WorkspaceMapName, Y.Map<unknown>>;

export function workspaceMaps(doc: Y.Doc): WorkspaceMaps {
	const maps = {} as WorkspaceMaps;
	for (const name of WORKSPACE_MAPS) maps[name] = doc.getMap(name);
	return maps;
}

export function readWorkspaceMeta(doc: Y.Doc): WorkspaceMeta | null {
	return readRecord(workspaceMetaSchema, workspaceMaps(doc).meta.get('meta'), 'workspace.meta', 'meta');
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

export function readMembers(doc: Y.Doc): Member[] {
	return [...readRecords(workspaceMaps(doc).members.entries(), memberSchema, 'workspace.members').values()].sort(byName);
}

export function readTags(doc: Y.Doc): Tag[] {
	return [...readRecords(workspaceMaps(doc).tags.entries(), tagSchema, 'workspace.tags').values()].sort((a, b) =>
		a.label.localeCompare(b.label)
	);
}

export function readCustomFields(doc: Y.Doc): CustomField[] {
	return [...readRecords(workspaceMaps(doc).fields.entries(), customFieldSchema, 'workspace.fields').values()].sort(
		(a, b) => a.position - b.position || a.id.localeCompare(b.id)
	);
}

export function readSegments(doc: Y.Doc): Segment[] {
	return [...readRecords(workspaceMaps(doc).segments.entries(), segmentSchema, 'workspace.segments').values()].sort(
		byName
	);
}

export function readSnippets(doc: Y.Doc): Snippet[] {
	return [...readRecords(workspaceMaps(doc).snippets.entries(), snippetSchema, 'workspace.snippets').values()].sort(
		(a, b) => a.shortcut.localeCompare(b.shortcut)
	);
}

export function readChannels(doc: Y.Doc): Channel[] {
	return [...readRecords(workspaceMaps(doc).channels.entries(), channelSchema, 'workspace.channels').values()].sort(
		byName
	);
}

/** Tag keys are the trimmed, lower-cased label, so "VIP" and "vip " are one tag. */
export function tagKeyOf(label: string): string {
	return label.trim().toLowerCase().replace(/\s+/g, ' ').replaceAll('|', '/');
}
