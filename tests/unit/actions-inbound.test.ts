import { describe, expect, it } from 'vitest';
import {
	ActionInputError,
	inboundMessageId,
	markDone,
	recordInboundMessage,
	sendMessage
} from '../../shared/actions/index.ts';
import { readContactSummary, readEvents, readMessages } from '../../shared/doc/index.ts';
import { idSchema, systemActor } from '../../shared/schemas/index.ts';
import { ana, docsWithContact, MINUTE, stateOf, syncDocs, T0, testDoc, testEnv } from '../helpers/factories.ts';

const server = { kind: 'system', id: 'channels' } as const;

describe('inboundMessageId', () => {
	it('is a valid id, stable, and different for different provider ids', () => {
		const id = inboundMessageId('wamid.HBgLMzUxOTEyMzQ1Njc4FQIAEhgUM0E=');
		expect(idSchema.safeParse(id).success).toBe(true);
		expect(id).toBe(inboundMessageId('wamid.HBgLMzUxOTEyMzQ1Njc4FQIAEhgUM0E='));
		const ids = new Set(Array.from({ length: 10_000 }, (_, i) => inboundMessageId(`msg-${i}`)));
		expect(ids.size).toBe(10_000);
		expect(inboundMessageId('x'.repeat(256))).toMatch(/^p[A-Za-z0-9_-]{24}$/);
	});
});

describe('recordInboundMessage', () => {
	it('writes the message, counts it, and sets last', () => {
		const env = testEnv();
		const docs = docsWithContact(env);
		const result = recordInboundMessage(docs, { contactId: 'c1', providerMessageId: 'w1', text: 'hello', at: T0 + MINUTE }, server, env);
		expect(result.created).toBe(true);
		expect(result.reopened).toBeNull();
		expect(result.message).toEqual({
			id: inboundMessageId('w1'),
			contactId: 'c1',
			direction: 'in',
			text: 'hello',
			at: T0 + MINUTE,
			sender: { kind: 'contact', id: null },
			providerMessageId: 'w1',
			attachments: []
		});
		expect(readMessages(docs.contact)).toEqual([result.message]);
		const row = readContactSummary(docs.index, 'c1')!;
		expect(row.incoming).toBe(1);
		expect(row.last).toEqual({ messageId: result.message.id, at: T0 + MINUTE, direction: 'in', text: 'hello' });
	});

	it('records a webhook delivered twice once, counting it once', () => {
		const docs = docsWithContact();
		const input = { contactId: 'c1', providerMessageId: 'w1', text: 'hello', at: T0 };
		recordInboundMessage(docs, input, server);
		const before = stateOf(docs);
		const again = recordInboundMessage(docs, { ...input, text: 'changed?' }, server);
		expect(again.created).toBe(false);
		expect(again.message.text).toBe('hello');
		expect(stateOf(docs)).toBe(before);
		expect(readContactSummary(docs.index, 'c1')?.incoming).toBe(1);
	});

	it('reopens a done contact with a marked_pending event by the system', () => {
		const env = testEnv();
		const docs = docsWithContact(env);
		markDone(docs, { contactId: 'c1' }, ana, env);
		env.advance(MINUTE);
		const { reopened, message } = recordInboundMessage(docs, { contactId: 'c1', providerMessageId: 'w2', text: 'again', at: T0 }, server, env);
		expect(readContactSummary(docs.index, 'c1')?.status).toBe('open');
		expect(reopened).toMatchObject({
			type: 'marked_pending',
			actor: systemActor,
			at: T0 + MINUTE,
			data: { reason: 'inbound', messageId: message.id }
		});
		expect(readEvents(docs.contact).at(-1)).toEqual(reopened);
	});

	it('keeps the later message as last, whichever arrives first (max register)', () => {
		const env = testEnv();
		const docs = docsWithContact(env);
		const agent = { index: testDoc(), contact: testDoc() };
		syncDocs(docs.index, agent.index);
		syncDocs(docs.contact, agent.contact);
		// The agent replies offline at 10:00; the server records an inbound message of 10:05.
		env.set(T0 + 10 * MINUTE);
		sendMessage(agent, { contactId: 'c1', messageId: 'out1', text: 'on my way' }, ana, env);
		recordInboundMessage(docs, { contactId: 'c1', providerMessageId: 'w3', text: 'hurry', at: T0 + 15 * MINUTE }, server, env);
		syncDocs(docs.index, agent.index);
		for (const index of [docs.index, agent.index]) {
			expect(readContactSummary(index, 'c1')?.last).toMatchObject({ text: 'hurry', direction: 'in' });
		}
		// And a reply written after seeing it, but with a clock behind, does not move it back.
		env.set(T0 + 12 * MINUTE);
		sendMessage(agent, { contactId: 'c1', messageId: 'out2', text: 'late clock' }, ana, env);
		expect(readContactSummary(agent.index, 'c1')?.last?.text).toBe('hurry');
	});

	it('refuses bad input and unknown contacts, writing nothing', () => {
		const docs = docsWithContact();
		const before = stateOf(docs);
		const bad = [
			{ contactId: 'c1', providerMessageId: '', text: 'x', at: T0 },
			{ contactId: 'c1', providerMessageId: 'p', text: 'x', at: -1 },
			{ contactId: 'c1', providerMessageId: 'p', text: 'x'.repeat(20_001), at: T0 },
			{ contactId: 'c1', providerMessageId: 'p', text: 'x', at: T0, attachments: [{ id: 'a' }] },
			{ contactId: 'ghost', providerMessageId: 'p', text: 'x', at: T0 }
		];
		for (const input of bad) expect(() => recordInboundMessage(docs, input as never, server)).toThrow(ActionInputError);
		expect(stateOf(docs)).toBe(before);
	});
});
