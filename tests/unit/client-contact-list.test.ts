import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { assignContact, createContact, markDone, markRead, recordInboundMessage } from '../../shared/actions/index.ts';
import { agentMaps, readContactSummaries, readMarkers } from '../../shared/doc/index.ts';
import { indicatorState, predefinedFilter, sortByRecent } from '../../shared/query/index.ts';
import { IndicatorCounter } from '../../src/lib/stores/contact-list-counts.ts';
import { ReadMarkers } from '../../src/lib/stores/contact-list-markers.ts';
import { systemActor, type ContactSummary } from '../../shared/schemas/index.ts';
import { lowerBound, patchSorted } from '../../src/lib/stores/contact-list-order.ts';
import { ShardRows, type RowChange } from '../../src/lib/stores/contact-list-shards.ts';
import { ana, HOUR, MINUTE, randomRows, T0, testDoc, testEnv } from '../helpers/factories.ts';
import { SeededRandom } from '../helpers/seeded-random.ts';

// The contact list's incremental parts: a shard re-reads only the contacts a transaction
// touched and hands on only rows that really changed (unchanged rows keep their object), and
// the sorted list patched change by change is exactly the list sorted from scratch; markers
// and New/Mine counts kept by difference equal the shared readers' and queries' answers.

function shardWith(count: number) {
	const env = testEnv();
	const index = testDoc();
	const contacts = new Map<string, ReturnType<typeof testDoc>>();
	for (let i = 0; i < count; i++) {
		const contact = testDoc();
		contacts.set(`c${i}`, contact);
		createContact({ index, contact }, { contactId: `c${i}`, channel: 'sms', name: `Contact ${i}`, createdAt: T0 + i * MINUTE }, ana, env);
	}
	const docs = (id: string) => ({ index, contact: contacts.get(id) as ReturnType<typeof testDoc> });
	return { env, index, docs };
}

describe('ShardRows', () => {
	it('re-reads only the contacts a change touched, and keeps unchanged rows as they were', () => {
		const { env, index, docs } = shardWith(40);
		let notified = 0;
		const shard = new ShardRows(index, () => notified++);
		expect(shard.refresh().map((change) => change.before)).toEqual(new Array(40).fill(null));
		const before = new Map([...shard.rows].map((row) => [row.id, row]));

		assignContact(docs('c3'), { contactId: 'c3', assignee: 'ben' }, ana, env);
		recordInboundMessage(docs('c7'), { contactId: 'c7', providerMessageId: 'p1', text: 'hello', at: T0 + HOUR }, systemActor, env);
		expect(notified).toBeGreaterThan(0);
		const changes = shard.refresh();
		expect(changes.map((change) => change.after?.id).sort()).toEqual(['c3', 'c7']);
		expect(changes.find((change) => change.after?.id === 'c3')?.after?.assignee).toBe('ben');
		expect(changes.find((change) => change.after?.id === 'c7')?.after?.incoming).toBe(1);
		for (const row of shard.rows) if (row.id !== 'c3' && row.id !== 'c7') expect(row).toBe(before.get(row.id));

		// Marking done what is done changes no row: the event is new, the row is not.
		markDone(docs('c1'), { contactId: 'c1' }, ana, env);
		expect(shard.refresh()).toHaveLength(1);
		markDone(docs('c1'), { contactId: 'c1' }, ana, env);
		expect(shard.refresh()).toEqual([]);
		shard.destroy();
	});

	it('reads the whole shard after a burst and still hands on only what changed', () => {
		const { env, index, docs } = shardWith(60);
		const shard = new ShardRows(index, () => {});
		shard.refresh();
		for (let i = 0; i < 50; i++) assignContact(docs(`c${i}`), { contactId: `c${i}`, assignee: 'cara' }, ana, env);
		const changes = shard.refresh();
		expect(changes).toHaveLength(50);
		expect([...shard.rows].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
			readContactSummaries(index).sort((a, b) => a.id.localeCompare(b.id))
		);
		shard.destroy();
	});
});

describe('patchSorted', () => {
	it('gives the same order as sorting from scratch, change after change', () => {
		const random = new SeededRandom(7);
		let rows = randomRows(400, 3);
		let sorted = sortByRecent(rows);
		for (let round = 0; round < 200; round++) {
			const changes: RowChange[] = [];
			const touched = new Set<number>();
			for (let k = random.int(5) + 1; k > 0; k--) touched.add(random.int(rows.length));
			const next = rows.slice();
			for (const i of touched) {
				const before = rows[i] as ContactSummary;
				const after: ContactSummary = {
					...before,
					last: { messageId: `r${round}-${i}`, at: T0 + random.range(-500, 500) * HOUR, direction: 'in', text: 'x' }
				};
				next[i] = after;
				changes.push({ before, after });
			}
			if (random.bool(0.1)) {
				const added = randomRows(1, round + 100)[0] as ContactSummary;
				const fresh = { ...added, id: `new${round}` };
				next.push(fresh);
				changes.push({ before: null, after: fresh });
			}
			sorted = patchSorted(sorted, changes);
			rows = next;
			expect(sorted.map((row) => row.id)).toEqual(sortByRecent(rows).map((row) => row.id));
		}
		expect(lowerBound(sorted, sorted[10] as ContactSummary)).toBe(10);
	});
});

describe('ReadMarkers', () => {
	it('follows the agent document change by change, as readMarkers reads it whole', () => {
		const { env, index, docs } = shardWith(30);
		const agent = testDoc();
		const other = testDoc();
		const markers = new ReadMarkers(agent, () => {});
		markers.refresh();
		const random = new SeededRandom(3);
		for (let round = 0; round < 40; round++) {
			const id = `c${random.int(30)}`;
			recordInboundMessage(docs(id), { contactId: id, providerMessageId: `m${round}`, text: 'hi', at: T0 + round * MINUTE }, systemActor, env);
			// Two tabs of one agent write their own keys; a stray key without a writer is ignored.
			markRead({ index, agent: random.bool() ? agent : other }, { contactId: id }, ana, env);
			Y.applyUpdate(agent, Y.encodeStateAsUpdate(other));
			if (round === 5) agentMaps(agent).read.set('stray', 3);
			const changes = markers.refresh();
			expect(changes.every((change) => change.after !== change.before)).toBe(true);
			expect(new Map(markers.values)).toEqual(readMarkers(agent));
		}
		markers.destroy();
	});
});

describe('IndicatorCounter', () => {
	it('counts New and Mine by difference exactly as indicatorState counts them', () => {
		const random = new SeededRandom(11);
		const rows = randomRows(300, 5);
		const markers = new Map(rows.map((row) => [row.id, random.int(row.incoming + 1)]));
		const now = T0;
		const counter = new IndicatorCounter('ana');
		counter.reset(rows, (id) => markers.get(id) ?? 0, now);
		for (let round = 0; round < 300; round++) {
			const i = random.int(rows.length);
			const before = rows[i] as ContactSummary;
			if (random.bool()) {
				const after = { ...before, assignee: random.pick([null, 'ana', 'ben']), status: random.pick(['open', 'done'] as const) };
				counter.remove(before, markers.get(before.id) ?? 0, now);
				counter.add(after, markers.get(after.id) ?? 0, now);
				rows[i] = after;
			} else {
				const marker = random.int(before.incoming + 1);
				counter.remove(before, markers.get(before.id) ?? 0, now);
				counter.add(before, marker, now);
				markers.set(before.id, marker);
			}
			const context = { me: 'ana', now, markers };
			expect(counter.snapshot()).toEqual({
				new: indicatorState(rows, predefinedFilter('new'), context),
				mine: indicatorState(rows, predefinedFilter('mine'), context)
			});
		}
	});
});
