import { describe, expect, it } from 'vitest';
import { ActionInputError, markRead, recordInboundMessage, saveDraft } from '../../shared/actions/index.ts';
import { readContactSummary, readDraft, readMarker, readMarkers } from '../../shared/doc/index.ts';
import { unreadCount } from '../../shared/query/index.ts';
import { systemActor } from '../../shared/schemas/index.ts';
import { ana, docsWithContact, stateOf, syncDocs, T0, testDoc } from '../helpers/factories.ts';

const inbound = (docs: ReturnType<typeof docsWithContact>, id: string) =>
	recordInboundMessage(docs, { contactId: 'c1', providerMessageId: id, text: id, at: T0 }, systemActor);

describe('markRead', () => {
	it('moves the marker to the incoming total, so unread becomes 0', () => {
		const docs = docsWithContact();
		inbound(docs, 'a');
		inbound(docs, 'b');
		expect(unreadCount(readContactSummary(docs.index, 'c1')!, readMarker(docs.agent, 'c1'))).toBe(2);
		expect(markRead(docs, { contactId: 'c1' }, ana)).toBe(2);
		expect(readMarker(docs.agent, 'c1')).toBe(2);
		expect(readMarkers(docs.agent)).toEqual(new Map([['c1', 2]]));
		inbound(docs, 'c');
		expect(unreadCount(readContactSummary(docs.index, 'c1')!, readMarker(docs.agent, 'c1'))).toBe(1);
	});

	it('never moves back: a second tab with an older view merges to the max', () => {
		const docs = docsWithContact();
		const oldTab = { index: testDoc(), agent: testDoc() };
		syncDocs(docs.index, oldTab.index);
		syncDocs(docs.agent, oldTab.agent);
		inbound(docs, 'a');
		inbound(docs, 'b');
		markRead(docs, { contactId: 'c1' }, ana);
		markRead(oldTab, { contactId: 'c1' }, ana); // saw 0 messages
		syncDocs(docs.agent, oldTab.agent);
		expect(readMarker(oldTab.agent, 'c1')).toBe(2);
		expect(readMarker(docs.agent, 'c1')).toBe(2);
		const before = stateOf({ agent: docs.agent });
		expect(markRead({ index: oldTab.index, agent: docs.agent }, { contactId: 'c1' }, ana)).toBe(2);
		expect(stateOf({ agent: docs.agent })).toBe(before);
	});

	it('only touches the agent document, and refuses unknown contacts', () => {
		const docs = docsWithContact();
		const before = stateOf({ index: docs.index, contact: docs.contact });
		markRead(docs, { contactId: 'c1' }, ana);
		expect(stateOf({ index: docs.index, contact: docs.contact })).toBe(before);
		const agentBefore = stateOf({ agent: docs.agent });
		expect(() => markRead(docs, { contactId: 'ghost' }, ana)).toThrow(ActionInputError);
		expect(stateOf({ agent: docs.agent })).toBe(agentBefore);
	});
});

describe('saveDraft', () => {
	it('saves, replaces and clears the draft', () => {
		const docs = docsWithContact();
		saveDraft(docs, { contactId: 'c1', text: 'Hel' }, ana);
		saveDraft(docs, { contactId: 'c1', text: 'Hello' }, ana);
		expect(readDraft(docs.agent, 'c1')).toBe('Hello');
		const before = stateOf(docs);
		saveDraft(docs, { contactId: 'c1', text: 'Hello' }, ana);
		expect(stateOf(docs)).toBe(before);
		saveDraft(docs, { contactId: 'c1', text: '' }, ana);
		expect(readDraft(docs.agent, 'c1')).toBe('');
		expect([...docs.agent.getMap('drafts').keys()]).toEqual([]);
	});

	it('refuses bad input, writing nothing', () => {
		const docs = docsWithContact();
		const before = stateOf(docs);
		expect(() => saveDraft(docs, { contactId: '__proto__', text: 'x' }, ana)).toThrow(ActionInputError);
		expect(() => saveDraft(docs, { contactId: 'c1', text: 'x'.repeat(20_001) }, ana)).toThrow(ActionInputError);
		expect(stateOf(docs)).toBe(before);
	});
});
