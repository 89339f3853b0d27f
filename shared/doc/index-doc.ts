import type * as Y from 'yjs';
import {
	channelTypeSchema,
	lastMessageSchema,
	type ContactSummary,
	type LastMessage,
	type Message
} from '../schemas/index.ts';
import {
	readAssigneeField,
	readStatusField,
	readTextField,
	readTimeField,
	validCount
} from './index-fields.ts';
import { readRecord } from './read.ts';
import { reportInvalid } from './report.ts';
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

/** A message as the list shows it: the register value `recordInboundMessage`/`sendMessage` write. */
export function lastMessageOf(message: Pick<Message, 'id' | 'at' | 'direction' | 'text'>): LastMessage {
	return { messageId: message.id, at: message.at, direction: message.direction, text: message.text.slice(0, 200) };
}

export function parseLast(raw: unknown): LastMessage | null {
	const parsed = lastMessageSchema.safeParse(raw);
	return parsed.success ? parsed.data : null;
}

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
	let best: LastMessage | null = null;
	for (let i = 1; last && i < last.length; i += 2) {
		const value = parseLast(last[i]);
		if (value === null) reportInvalid({ where: 'index.last', key: `${id}|${last[i - 1]}`, issue: 'expected a last message' });
		else if (best === null || compareLast(value, best) > 0) best = value;
	}
	let count = 0;
	for (let i = 1; incoming && i < incoming.length; i += 2) count += validCount(incoming[i], `${id}|${incoming[i - 1]}`);
	const tagKeys: string[] = [];
	for (let i = 0; tags && i < tags.length; i += 2) {
		// Removing a tag deletes its key, so any value but `true` is foreign.
		if (tags[i + 1] === true) tagKeys.push(tags[i] as string);
		else reportInvalid({ where: 'index.tags', key: `${id}|${tags[i]}`, issue: 'expected true' });
	}
	tagKeys.sort();
	return {
		id,
		name: readTextField(maps.name, 'name', id, 200) ?? '',
		channel,
		phone: readTextField(maps.phone, 'phone', id, 64),
		email: readTextField(maps.email, 'email', id, 254),
		avatarUrl: readTextField(maps.avatarUrl, 'avatarUrl', id, 2048),
		createdAt: readTimeField(maps.createdAt, 'createdAt', id) ?? 0,
		status: readStatusField(maps.status, id),
		assignee: readAssigneeField(maps.assignee, id),
		snoozedUntil: readTimeField(maps.snoozedUntil, 'snoozedUntil', id),
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
