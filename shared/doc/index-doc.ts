import type * as Y from 'yjs';
import {
	channelTypeSchema,
	contactStatusSchema,
	lastMessageSchema,
	type ContactSummary,
	type LastMessage
} from '../schemas/index.ts';
import { readRecord } from './read.ts';
import { KEY_SEPARATOR, ownerOfKey } from './registers.ts';

// `index/{wid}/{k}`: the contact list rows of one shard, one flat root map per field keyed by
// contact id, so each field merges on its own and no nested Y type is ever created lazily.
// Tags are keys `{cid}|{tagKey}`; `last` and `incoming` are per-writer registers (registers.ts).

export const INDEX_FIELDS = [
	'channel',
	'name',
	'phone',
	'email',
	'avatarUrl',
	'createdAt',
	'status',
	'assignee',
	'snoozedUntil',
	'tags',
	'last',
	'incoming'
] as const;
export type IndexField = (typeof INDEX_FIELDS)[number];
export type IndexMaps = Record<IndexField, Y.Map<unknown>>;

export function indexMaps(doc: Y.Doc): IndexMaps {
	const maps = {} as IndexMaps;
	for (const field of INDEX_FIELDS) maps[field] = doc.getMap(field);
	return maps;
}

export const tagEntryKey = (contactId: string, tagKey: string) => `${contactId}${KEY_SEPARATOR}${tagKey}`;

/** Latest first: by time, then by message id so every replica picks the same one. */
export function compareLast(a: LastMessage, b: LastMessage): number {
	return a.at - b.at || (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0);
}

export function parseLast(raw: unknown): LastMessage | null {
	const parsed = lastMessageSchema.safeParse(raw);
	return parsed.success ? parsed.data : null;
}

const nullableString = (value: unknown) => (typeof value === 'string' ? value : null);
const nullableNumber = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Groups a register or key-set map by owner in one pass (reading per owner would be O(n²)). */
export function groupByOwner(map: Y.Map<unknown>): Map<string, unknown[]> {
	const groups = new Map<string, unknown[]>();
	for (const [key, value] of map.entries()) {
		const owner = ownerOfKey(key);
		const group = groups.get(owner);
		if (group) group.push(key.slice(owner.length + 1), value);
		else groups.set(owner, [key.slice(owner.length + 1), value]);
	}
	return groups;
}

function summaryOf(
	maps: IndexMaps,
	id: string,
	tags: unknown[] | undefined,
	last: unknown[] | undefined,
	incoming: unknown[] | undefined
): ContactSummary | null {
	const channel = readRecord(channelTypeSchema, maps.channel.get(id), 'index.channel', id);
	if (channel === null) return null;
	const status = contactStatusSchema.safeParse(maps.status.get(id));
	const assignee = maps.assignee.get(id);
	let best: LastMessage | null = null;
	for (let i = 1; last && i < last.length; i += 2) {
		const value = parseLast(last[i]);
		if (value && (best === null || compareLast(value, best) > 0)) best = value;
	}
	let count = 0;
	for (let i = 1; incoming && i < incoming.length; i += 2) {
		const value = incoming[i];
		if (typeof value === 'number' && Number.isFinite(value) && value > 0) count += value;
	}
	const tagKeys: string[] = [];
	for (let i = 0; tags && i < tags.length; i += 2) if (tags[i + 1] === true) tagKeys.push(tags[i] as string);
	tagKeys.sort();
	return {
		id,
		name: nullableString(maps.name.get(id)) ?? '',
		channel,
		phone: nullableString(maps.phone.get(id)),
		email: nullableString(maps.email.get(id)),
		avatarUrl: nullableString(maps.avatarUrl.get(id)),
		createdAt: nullableNumber(maps.createdAt.get(id)) ?? 0,
		status: status.success ? status.data : 'open',
		assignee: typeof assignee === 'string' && assignee.length > 0 ? assignee : null,
		snoozedUntil: nullableNumber(maps.snoozedUntil.get(id)),
		tags: tagKeys,
		last: best,
		incoming: count
	};
}

/** Every contact of the shard; a contact whose channel is missing or invalid is skipped. */
export function readContactSummaries(doc: Y.Doc): ContactSummary[] {
	const maps = indexMaps(doc);
	const tags = groupByOwner(maps.tags);
	const last = groupByOwner(maps.last);
	const incoming = groupByOwner(maps.incoming);
	const rows: ContactSummary[] = [];
	for (const id of maps.channel.keys()) {
		if (id === '__proto__') continue;
		const row = summaryOf(maps, id, tags.get(id), last.get(id), incoming.get(id));
		if (row) rows.push(row);
	}
	return rows;
}

/** One contact's row, reading only its own keys (for actions and single-row refreshes). */
export function readContactSummary(doc: Y.Doc, contactId: string): ContactSummary | null {
	const maps = indexMaps(doc);
	if (!maps.channel.has(contactId)) return null;
	const pick = (map: Y.Map<unknown>) => {
		const prefix = contactId + KEY_SEPARATOR;
		const out: unknown[] = [];
		for (const [key, value] of map.entries()) if (key.startsWith(prefix)) out.push(key.slice(prefix.length), value);
		return out;
	};
	return summaryOf(maps, contactId, pick(maps.tags), pick(maps.last), pick(maps.incoming));
}

/** The contact ids a change to a root map touched: lets views refresh only those rows. */
export function contactIdsOfKeys(keys: Iterable<string>): Set<string> {
	const ids = new Set<string>();
	for (const key of keys) ids.add(ownerOfKey(key));
	return ids;
}
