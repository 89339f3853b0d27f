import { describe, expect, it } from 'vitest';
import {
	ActionInputError,
	deleteCustomField,
	deleteSegment,
	deleteSnippet,
	removeMember,
	setWorkspaceMeta,
	upsertChannel,
	upsertCustomField,
	upsertMember,
	upsertSegment,
	upsertSnippet
} from '../../shared/actions/index.ts';
import {
	readChannels,
	readCustomFields,
	readMembers,
	readSegments,
	readSnippets,
	readWorkspaceMeta
} from '../../shared/doc/index.ts';
import type { Member } from '../../shared/schemas/index.ts';
import { ana, stateOf, T0, testDoc, testEnv } from '../helpers/factories.ts';

const member: Member = { id: 'ana', name: 'Ana', email: 'ana@demo.test', role: 'owner', color: '#2563eb' };

describe('workspace catalogue actions', () => {
	it('sets the workspace meta', () => {
		const docs = { workspace: testDoc() };
		setWorkspaceMeta(docs, { name: 'Demo' }, ana);
		expect(readWorkspaceMeta(docs.workspace)).toEqual({ name: 'Demo' });
	});

	it('upserts and removes members', () => {
		const docs = { workspace: testDoc() };
		upsertMember(docs, member, ana);
		upsertMember(docs, { ...member, name: 'Ana Lima' }, ana);
		expect(readMembers(docs.workspace)).toEqual([{ ...member, name: 'Ana Lima' }]);
		expect(removeMember(docs, { id: 'ana' }, ana)).toBe(true);
		expect(removeMember(docs, { id: 'ana' }, ana)).toBe(false);
		expect(readMembers(docs.workspace)).toEqual([]);
	});

	it('upserts segments, defaulting creator and time, and deletes them', () => {
		const docs = { workspace: testDoc() };
		const segment = upsertSegment(
			docs,
			{ id: 's1', name: 'VIP on WhatsApp', filter: { channels: ['whatsapp'], tags: { match: 'any', keys: ['vip'] } } },
			ana,
			testEnv()
		);
		expect(segment).toMatchObject({ createdBy: 'ana', createdAt: T0 });
		expect(readSegments(docs.workspace)).toEqual([segment]);
		expect(deleteSegment(docs, { id: 's1' }, ana)).toBe(true);
		expect(readSegments(docs.workspace)).toEqual([]);
	});

	it('upserts and deletes snippets, custom fields and channels', () => {
		const docs = { workspace: testDoc() };
		upsertSnippet(docs, { id: 'n1', shortcut: 'hi', text: 'Hello!' }, ana);
		upsertCustomField(docs, { id: 'plan', label: 'Plan', type: 'choice', options: ['free', 'pro'], position: 1 }, ana);
		upsertChannel(docs, { id: 'wa', type: 'whatsapp', name: 'WhatsApp', replyWindowHours: 24 }, ana);
		expect(readSnippets(docs.workspace).map((s) => s.id)).toEqual(['n1']);
		expect(readCustomFields(docs.workspace).map((f) => f.id)).toEqual(['plan']);
		expect(readChannels(docs.workspace).map((c) => c.id)).toEqual(['wa']);
		deleteSnippet(docs, { id: 'n1' }, ana);
		deleteCustomField(docs, { id: 'plan' }, ana);
		expect(readSnippets(docs.workspace)).toEqual([]);
		expect(readCustomFields(docs.workspace)).toEqual([]);
	});

	it('refuses invalid records and __proto__ keys, writing nothing', () => {
		const docs = { workspace: testDoc() };
		const before = stateOf(docs);
		const attempts = [
			() => setWorkspaceMeta(docs, { name: '' }, ana),
			() => upsertMember(docs, { ...member, email: 'not-an-email' }, ana),
			() => upsertMember(docs, { ...member, id: '__proto__' }, ana),
			() => upsertSegment(docs, JSON.parse('{"id":"s","name":"x","filter":{"__proto__":{"polluted":true}}}'), ana),
			() => upsertSegment(docs, { id: 's', name: 'x', filter: { status: 'closed' as never } }, ana),
			() => upsertSnippet(docs, { id: 'n', shortcut: 'Has Space', text: 'x' }, ana),
			() => upsertCustomField(docs, { id: 'f', label: 'x', type: 'colour' as never, options: [], position: 0 }, ana),
			() => upsertChannel(docs, { id: 'c', type: 'whatsapp', name: 'x', replyWindowHours: 0 }, ana),
			() => deleteSegment(docs, { id: 'a|b' }, ana)
		];
		for (const attempt of attempts) expect(attempt).toThrow(ActionInputError);
		expect(stateOf(docs)).toBe(before);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});
