import { describe, expect, it } from 'vitest';
import { ActionInputError, recordInboundMessage, sendMessage, setDeliveryStatus } from '../../shared/actions/index.ts';
import { readContactSummary, readDelivery, readMessages } from '../../shared/doc/index.ts';
import { systemActor, type DeliveryState } from '../../shared/schemas/index.ts';
import { ana, docsWithContact, MINUTE, stateOf, syncDocs, T0, testDoc, testEnv } from '../helpers/factories.ts';

describe('sendMessage', () => {
	it('writes an outgoing message with delivery queued, attempt 1, and sets last', () => {
		const env = testEnv();
		const docs = docsWithContact(env);
		env.advance(MINUTE);
		const { message, created } = sendMessage(docs, { contactId: 'c1', messageId: 'm1', text: 'hi there' }, ana, env);
		expect(created).toBe(true);
		expect(message).toEqual({
			id: 'm1',
			contactId: 'c1',
			direction: 'out',
			text: 'hi there',
			at: T0 + MINUTE,
			sender: { kind: 'user', id: 'ana' },
			providerMessageId: null,
			attachments: []
		});
		expect(readMessages(docs.contact)).toEqual([message]);
		expect(readDelivery(docs.contact, 'm1')).toEqual({ state: 'queued', at: T0 + MINUTE, error: null, attempt: 1 });
		const row = readContactSummary(docs.index, 'c1')!;
		expect(row.last).toEqual({ messageId: 'm1', at: T0 + MINUTE, direction: 'out', text: 'hi there' });
		expect(row.incoming).toBe(0);
	});

	it('is idempotent on the client-made id, and takes an explicit sender', () => {
		const docs = docsWithContact();
		sendMessage(docs, { contactId: 'c1', messageId: 'm1', text: 'a', sender: { kind: 'greeting', id: null } }, systemActor);
		const before = stateOf(docs);
		expect(sendMessage(docs, { contactId: 'c1', messageId: 'm1', text: 'b' }, ana).created).toBe(false);
		expect(stateOf(docs)).toBe(before);
		expect(readMessages(docs.contact)[0]?.sender).toEqual({ kind: 'greeting', id: null });
	});

	it('cuts the list preview to 200 characters', () => {
		const docs = docsWithContact();
		sendMessage(docs, { contactId: 'c1', messageId: 'm1', text: 'y'.repeat(500) }, ana);
		expect(readContactSummary(docs.index, 'c1')?.last?.text).toHaveLength(200);
	});

	it('refuses an empty message, a bad id and an unknown contact, writing nothing', () => {
		const docs = docsWithContact();
		const before = stateOf(docs);
		const bad = [
			{ contactId: 'c1', messageId: 'm1', text: '  ' },
			{ contactId: 'c1', messageId: 'm 1', text: 'x' },
			{ contactId: 'c1', text: 'x' },
			{ contactId: 'c1', messageId: 'm1', text: 'x', sender: { kind: 'alien', id: null } },
			{ contactId: 'ghost', messageId: 'm1', text: 'x' }
		];
		for (const input of bad) expect(() => sendMessage(docs, input as never, ana)).toThrow(ActionInputError);
		expect(stateOf(docs)).toBe(before);
	});
});

describe('setDeliveryStatus', () => {
	const report = (docs: ReturnType<typeof docsWithContact>, attempt: number, state: DeliveryState, error?: string) =>
		setDeliveryStatus(docs, { contactId: 'c1', messageId: 'm1', attempt, state, error }, systemActor);

	it('never moves a message backwards when reports arrive out of order', () => {
		const docs = docsWithContact();
		sendMessage(docs, { contactId: 'c1', messageId: 'm1', text: 'x' }, ana);
		expect(report(docs, 1, 'read')?.state).toBe('read');
		expect(report(docs, 1, 'sent')?.state).toBe('read');
		expect(report(docs, 1, 'delivered')?.state).toBe('read');
	});

	it('lets a retry start a new attempt, and delivered outrank an earlier failure', () => {
		const docs = docsWithContact();
		sendMessage(docs, { contactId: 'c1', messageId: 'm1', text: 'x' }, ana);
		expect(report(docs, 1, 'failed', 'window closed')).toMatchObject({ state: 'failed', error: 'window closed', attempt: 1 });
		expect(report(docs, 2, 'queued')).toMatchObject({ state: 'queued', attempt: 2 });
		expect(report(docs, 2, 'delivered')).toMatchObject({ state: 'delivered', attempt: 2 });
		expect(report(docs, 2, 'failed')).toMatchObject({ state: 'delivered', attempt: 2 });
	});

	it('merges reports from two replicas into the same status', () => {
		const docs = docsWithContact();
		sendMessage(docs, { contactId: 'c1', messageId: 'm1', text: 'x' }, ana);
		const other = { contact: testDoc() };
		syncDocs(docs.contact, other.contact);
		report(docs, 1, 'sent');
		setDeliveryStatus(other, { contactId: 'c1', messageId: 'm1', attempt: 1, state: 'delivered' }, systemActor);
		syncDocs(docs.contact, other.contact);
		expect(readDelivery(docs.contact, 'm1')?.state).toBe('delivered');
		expect(readDelivery(other.contact, 'm1')?.state).toBe('delivered');
	});

	it('keeps the first time of a repeated report', () => {
		const env = testEnv();
		const docs = docsWithContact(env);
		sendMessage(docs, { contactId: 'c1', messageId: 'm1', text: 'x' }, ana, env);
		setDeliveryStatus(docs, { contactId: 'c1', messageId: 'm1', attempt: 1, state: 'sent' }, systemActor, env);
		env.advance(MINUTE);
		const before = stateOf(docs);
		setDeliveryStatus(docs, { contactId: 'c1', messageId: 'm1', attempt: 1, state: 'sent' }, systemActor, env);
		expect(stateOf(docs)).toBe(before);
		expect(readDelivery(docs.contact, 'm1')?.at).toBe(T0);
	});

	it('refuses unknown and inbound messages and bad states, writing nothing', () => {
		const docs = docsWithContact();
		const { message } = recordInboundMessage(docs, { contactId: 'c1', providerMessageId: 'w', text: 'x', at: T0 }, systemActor);
		const before = stateOf(docs);
		const bad = [
			{ contactId: 'c1', messageId: 'nope', attempt: 1, state: 'sent' },
			{ contactId: 'c1', messageId: message.id, attempt: 1, state: 'sent' },
			{ contactId: 'c1', messageId: message.id, attempt: 0, state: 'sent' },
			{ contactId: 'c1', messageId: message.id, attempt: 1, state: 'lost' }
		];
		for (const input of bad) expect(() => setDeliveryStatus(docs, input as never, systemActor)).toThrow(ActionInputError);
		expect(stateOf(docs)).toBe(before);
	});
});
