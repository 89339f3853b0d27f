import * as Y from 'yjs';
import { createContact, type ActionEnv, type CreateContactInput } from '../../shared/actions/index.ts';
import { onInvalidRecord, type InvalidRecord } from '../../shared/doc/index.ts';
import { userActor, type ContactSummary } from '../../shared/schemas/index.ts';
import { SeededRandom } from './seeded-random.ts';

// Test data with no wall clock and no Math.random: a settable clock, counting ids, Y.Docs
// with fixed client ids, and rows built from a seeded generator.

/** 2025-01-01T00:00:00Z: a fixed "now" for tests. */
export const T0 = Date.UTC(2025, 0, 1);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export interface TestEnv extends ActionEnv {
	/** Moves the clock forward (or to a time) without touching ids. */
	advance(ms: number): void;
	set(ms: number): void;
}

/** A clock that stands still unless moved, and ids `{prefix}0001`, `{prefix}0002`, … */
export function testEnv(start = T0, prefix = 'id'): TestEnv {
	let time = start;
	let counter = 0;
	return {
		now: () => time,
		newId: () => `${prefix}${String(++counter).padStart(4, '0')}`,
		advance: (ms) => void (time += ms),
		set: (ms) => void (time = ms)
	};
}

let nextClientId = 1;

/** A Y.Doc with a fixed client id: per-writer register keys and merges replay exactly. */
export function testDoc(clientID = nextClientId++): Y.Doc {
	const doc = new Y.Doc();
	doc.clientID = clientID;
	return doc;
}

export interface TestDocs {
	workspace: Y.Doc;
	index: Y.Doc;
	contact: Y.Doc;
	agent: Y.Doc;
}

export function testDocs(): TestDocs {
	return { workspace: testDoc(), index: testDoc(), contact: testDoc(), agent: testDoc() };
}

export const ana = userActor('ana');
export const ben = userActor('ben');

/** Docs with one contact `c1` already created (on WhatsApp, at T0). */
export function docsWithContact(env: ActionEnv = testEnv(), input: Partial<CreateContactInput> = {}): TestDocs {
	const docs = testDocs();
	createContact(docs, { contactId: 'c1', channel: 'whatsapp', name: 'Maria', createdAt: T0, ...input }, ana, env);
	return docs;
}

/** State vectors of every doc, to prove an action wrote nothing. */
export function stateOf(docs: object): string {
	const entries = Object.entries(docs as Record<string, Y.Doc>);
	return JSON.stringify(entries.map(([name, doc]) => [name, [...Y.encodeStateVector(doc)]]));
}

/** Makes two docs equal, both ways, as a sync would. */
export function syncDocs(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

/** Collects invalid-record reports for the length of a test (instead of console warnings). */
export function collectInvalidRecords(): { records: InvalidRecord[]; stop: () => void } {
	const records: InvalidRecord[] = [];
	const stop = onInvalidRecord((record) => records.push(record));
	return { records, stop };
}

/** A contact list row; every field can be overridden. */
export function contactRow(overrides: Partial<ContactSummary> = {}): ContactSummary {
	return {
		id: 'c1',
		name: 'Maria',
		channel: 'whatsapp',
		phone: null,
		email: null,
		avatarUrl: null,
		createdAt: T0,
		status: 'open',
		assignee: null,
		snoozedUntil: null,
		tags: [],
		last: null,
		incoming: 0,
		...overrides
	};
}

const CHANNELS = ['whatsapp', 'messenger', 'instagram', 'telegram', 'sms', 'email', 'webchat'] as const;

/** `count` varied rows from a seed, for query tests and timing. */
export function randomRows(count: number, seed = 1, agents = ['ana', 'ben', 'cara']): ContactSummary[] {
	const random = new SeededRandom(seed);
	const rows: ContactSummary[] = [];
	for (let i = 0; i < count; i++) {
		const createdAt = T0 - random.int(365 * 24) * HOUR;
		const hasLast = random.bool(0.9);
		rows.push(
			contactRow({
				id: `c${i}`,
				name: random.word(),
				channel: random.pick(CHANNELS),
				createdAt,
				status: random.bool(0.7) ? 'open' : 'done',
				assignee: random.bool(0.5) ? random.pick(agents) : null,
				snoozedUntil: random.bool(0.1) ? T0 + random.range(-48, 48) * HOUR : null,
				tags: random.bool(0.3) ? [random.pick(['vip', 'billing', 'lead'])] : [],
				last: hasLast
					? { messageId: `m${i}`, at: createdAt + random.int(30 * 24 * HOUR), direction: random.bool() ? 'in' : 'out', text: 'hi' }
					: null,
				incoming: random.int(20)
			})
		);
	}
	return rows;
}
