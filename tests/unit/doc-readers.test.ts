import { afterEach, describe, expect, it } from 'vitest';
import { sendMessage } from '../../shared/actions/index.ts';
import {
	contactMaps,
	indexMaps,
	readComments,
	readContactSummaries,
	readContactSummary,
	readDelivery,
	readEvents,
	readMarker,
	readMembers,
	readMessages,
	readProfile,
	readTags,
	workspaceMaps
} from '../../shared/doc/index.ts';
import { contactSummarySchema } from '../../shared/schemas/index.ts';
import { ana, collectInvalidRecords, docsWithContact } from '../helpers/factories.ts';

// Records come from other replicas, some old or hostile: readers skip what fails its schema,
// report it, and never throw.

let collector = collectInvalidRecords();
afterEach(() => {
	collector.stop();
	collector = collectInvalidRecords();
});

describe('readers skip and report invalid records', () => {
	it('contact document: messages, events, comments, profile, delivery', () => {
		const docs = docsWithContact();
		sendMessage(docs, { contactId: 'c1', messageId: 'm1', text: 'ok' }, ana);
		const maps = contactMaps(docs.contact);
		docs.contact.transact(() => {
			maps.messages.set('bad', { id: 'bad', text: 42 });
			maps.messages.set('__proto__', { polluted: true });
			maps.events.set('e', 'not an event');
			maps.comments.set('k', { id: 'k', text: '' });
			maps.profile.set('custom:x', { nested: 1 });
			maps.profile.set('name', 12);
			maps.delivery.set('m1|1|sent', { state: 'nope', at: 1, error: null });
			maps.delivery.set('m1|x|sent', { state: 'sent', at: 1, error: null });
		});
		expect(readMessages(docs.contact).map((m) => m.id)).toEqual(['m1']);
		expect(readEvents(docs.contact).map((e) => e.type)).toEqual(['contact_created']);
		expect(readComments(docs.contact)).toEqual([]);
		expect(readProfile(docs.contact)).toMatchObject({ name: '', custom: {} });
		expect(readDelivery(docs.contact, 'm1')?.state).toBe('queued');
		expect(collector.records.map((r) => r.where).sort()).toEqual([
			'contact.comments',
			'contact.delivery',
			'contact.events',
			'contact.messages',
			'contact.profile'
		]);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('index shard: a row without a valid channel is skipped; bad fields fall back', () => {
		const docs = docsWithContact();
		const maps = indexMaps(docs.index);
		docs.index.transact(() => {
			maps.channel.set('c2', 'carrier-pigeon');
			maps.channel.set('__proto__', 'whatsapp');
			maps.status.set('c1', 'maybe');
			maps.last.set('c1|9', { messageId: 'x', at: 'noon' });
			maps.incoming.set('c1|9', -4);
			maps.tags.set('c1|vip', 'yes');
			maps.assignee.set('c1', 'not an id!');
			maps.snoozedUntil.set('c1', 1.5);
			maps.name.set('c1', 'x'.repeat(201));
		});
		const rows = readContactSummaries(docs.index);
		expect(rows.map((r) => r.id)).toEqual(['c1']);
		expect(rows[0]).toMatchObject({ status: 'open', last: null, incoming: 0, tags: [], assignee: null, name: '' });
		expect(contactSummarySchema.safeParse(rows[0]).success).toBe(true);
		expect(readContactSummary(docs.index, 'c2')).toBeNull();
		expect(new Set(collector.records.map((r) => r.where))).toEqual(
			new Set([
				'index.channel',
				'index.status',
				'index.last',
				'index.incoming',
				'index.tags',
				'index.assignee',
				'index.snoozedUntil',
				'index.name'
			])
		);
	});

	it('workspace and agent documents', () => {
		const docs = docsWithContact();
		const maps = workspaceMaps(docs.workspace);
		docs.workspace.transact(() => {
			maps.members.set('x', { id: 'x' });
			maps.tags.set('vip', { key: 'vip', label: '', color: 'red', createdAt: 0 });
		});
		docs.agent.getMap('read').set('c1|1', 'lots');
		expect(readMembers(docs.workspace)).toEqual([]);
		expect(readTags(docs.workspace)).toEqual([]);
		expect(readMarker(docs.agent, 'c1')).toBe(0);
		expect(collector.records.map((r) => r.where).sort()).toEqual(['workspace.members', 'workspace.tags']);
	});
});
