import { describe, expect, it } from 'vitest';
import { ActionInputError, addTag, removeTag, tagColorOf } from '../../shared/actions/index.ts';
import { readContactSummary, readEvents, readTags } from '../../shared/doc/index.ts';
import { ana, ben, docsWithContact, stateOf, syncDocs, T0, testDoc, testEnv } from '../helpers/factories.ts';

describe('addTag / removeTag', () => {
	it('creates the catalogue tag once, tags the contact and appends tag_added', () => {
		const env = testEnv();
		const docs = docsWithContact(env);
		const event = addTag(docs, { contactId: 'c1', label: '  VIP ' }, ana, env);
		expect(readTags(docs.workspace)).toEqual([{ key: 'vip', label: 'VIP', color: tagColorOf('vip'), createdAt: T0 }]);
		expect(readContactSummary(docs.index, 'c1')?.tags).toEqual(['vip']);
		expect(event).toMatchObject({ type: 'tag_added', actor: ana, data: { tag: 'vip', label: 'VIP' } });
		const workspaceBefore = stateOf({ workspace: docs.workspace });
		addTag(docs, { contactId: 'c1', label: 'vip' }, ben, env);
		expect(stateOf({ workspace: docs.workspace })).toBe(workspaceBefore);
	});

	it('removes the tag from the contact only, with tag_removed', () => {
		const env = testEnv();
		const docs = docsWithContact(env);
		addTag(docs, { contactId: 'c1', label: 'Billing' }, ana, env);
		const event = removeTag(docs, { contactId: 'c1', tagKey: 'billing' }, ben, env);
		expect(readContactSummary(docs.index, 'c1')?.tags).toEqual([]);
		expect(readTags(docs.workspace).map((t) => t.key)).toEqual(['billing']);
		expect(event).toMatchObject({ type: 'tag_removed', actor: ben, data: { tag: 'billing' } });
		expect(readEvents(docs.contact).map((e) => e.type)).toEqual(['contact_created', 'tag_added', 'tag_removed']);
	});

	it('merges per tag: one agent adds, another removes a different tag', () => {
		const env = testEnv();
		const docs = docsWithContact(env);
		addTag(docs, { contactId: 'c1', label: 'a' }, ana, env);
		const other = { index: testDoc(), contact: testDoc(), workspace: testDoc() };
		syncDocs(docs.index, other.index);
		syncDocs(docs.contact, other.contact);
		syncDocs(docs.workspace, other.workspace);
		addTag(docs, { contactId: 'c1', label: 'b' }, ana, env);
		removeTag(other, { contactId: 'c1', tagKey: 'a' }, ben, env);
		syncDocs(docs.index, other.index);
		expect(readContactSummary(docs.index, 'c1')?.tags).toEqual(['b']);
		expect(readContactSummary(other.index, 'c1')?.tags).toEqual(['b']);
	});

	it('refuses bad labels and keys, writing nothing', () => {
		const docs = docsWithContact();
		const before = stateOf(docs);
		for (const label of ['', '   ', 'x'.repeat(65), '__proto__']) {
			expect(() => addTag(docs, { contactId: 'c1', label }, ana)).toThrow(ActionInputError);
		}
		expect(() => addTag(docs, { contactId: 'ghost', label: 'vip' }, ana)).toThrow(ActionInputError);
		for (const tagKey of ['', 'a|b', '__proto__']) {
			expect(() => removeTag(docs, { contactId: 'c1', tagKey }, ana)).toThrow(ActionInputError);
		}
		expect(stateOf(docs)).toBe(before);
	});
});
