import type * as Y from 'yjs';
import { readMax } from './registers.ts';

// `agent/{wid}/{uid}`: one agent's own state. Read markers are max registers per contact
// holding the number of incoming messages read, so two tabs of one agent never move a
// marker back, and unread = incoming − marker needs no shared counter.

export const AGENT_MAPS = ['read', 'drafts', 'prefs'] as const;
export type AgentMapName = (typeof AGENT_MAPS)[number];
export type AgentMaps = Record<AgentMapName, Y.Map<unknown>>;

export function agentMaps(doc: Y.Doc): AgentMaps {
	const maps = {} as AgentMaps;
	for (const name of AGENT_MAPS) maps[name] = doc.getMap(name);
	return maps;
}

export const compareNumbers = (a: number, b: number) => a - b;
export const parseCount = (raw: unknown) =>
	typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? raw : null;

export function readMarker(doc: Y.Doc, contactId: string): number {
	return readMax(agentMaps(doc).read, contactId, compareNumbers, parseCount) ?? 0;
}

/** Every contact's marker in one pass over the map. */
export function readMarkers(doc: Y.Doc): Map<string, number> {
	const markers = new Map<string, number>();
	for (const [key, raw] of agentMaps(doc).read.entries()) {
		const value = parseCount(raw);
		const at = key.indexOf('|');
		if (value === null || at === -1) continue;
		const contactId = key.slice(0, at);
		if (value > (markers.get(contactId) ?? -1)) markers.set(contactId, value);
	}
	return markers;
}

export function readDraft(doc: Y.Doc, contactId: string): string {
	const value = agentMaps(doc).drafts.get(contactId);
	return typeof value === 'string' ? value : '';
}
