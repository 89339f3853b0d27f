import { describe, expect, it } from 'vitest';
import type { DeliveryStatus } from '../../shared/doc/index.ts';
import type { Actor, ConversationEvent, EventType, Message, SenderKind } from '../../shared/schemas/index.ts';
import { actorName, describeEvent, senderLabel, type NameLookup } from '../../src/lib/format/history-text.ts';
import { formatDayHeading, formatMessageTime, isOtherDay } from '../../src/lib/format/message-time.ts';
import { deliveryView } from '../../src/lib/stores/conversation-delivery.ts';
import { parseLocalDateTime, snoozeChoices, toLocalDateTime } from '../../src/lib/stores/conversation-snooze.ts';
import { MINUTE, T0 } from '../helpers/factories.ts';

// What the history says: who did each event and who sent each message, its time, its delivery
// state (including "still on this device"), and the snooze menu's times.

const names: NameLookup = {
	me: 'ana',
	member: (id) => ({ ana: 'Ana Lima', ben: 'Ben Okafor' })[id] ?? null,
	tag: (key) => (key === 'vip' ? 'VIP' : null),
	workspaceName: 'Demo'
};

const user = (id: string): Actor => ({ kind: 'user', id });
const automation: Actor = { kind: 'automation', id: 'round-robin' };
const bot: Actor = { kind: 'bot', id: 'webchat-bot' };

function event(type: EventType, actor: Actor, data: ConversationEvent['data'] = {}): ConversationEvent {
	return { id: 'e1', contactId: 'c1', type, actor, at: T0, data };
}

const say = (type: EventType, actor: Actor, data: ConversationEvent['data'] = {}) => describeEvent(event(type, actor, data), names).text;

describe('conversation events', () => {
	it('say who assigned, manually, by automation or by bot', () => {
		expect(say('assigned', user('ben'), { assignee: 'ana', previous: null })).toBe('Assigned to you by Ben Okafor');
		expect(say('assigned', automation, { assignee: 'ben' })).toBe('Assigned to Ben Okafor by automation');
		expect(say('assigned', bot, { assignee: 'ben' })).toBe('Assigned to Ben Okafor by the bot');
		expect(say('assigned', user('ben'), { assignee: 'ben' })).toBe('Ben Okafor took this conversation');
		expect(say('assigned', user('ana'), { assignee: 'ana' })).toBe('You took this conversation');
		expect(say('unassigned', user('ana'), { previous: 'ben' })).toBe('Unassigned from Ben Okafor by you');
		expect(say('assigned', user('gone'), { assignee: 'gone' })).toBe('A former agent took this conversation');
	});

	it('say who marked done or pending, and when the contact reopened it by writing', () => {
		expect(say('marked_done', user('ben'))).toBe('Marked done by Ben Okafor');
		expect(say('marked_done', automation)).toBe('Marked done by automation');
		expect(say('marked_pending', user('ana'))).toBe('Marked pending by you');
		expect(say('marked_pending', bot)).toBe('Marked pending by the bot');
		expect(say('marked_pending', { kind: 'system', id: 'system' }, { reason: 'inbound', messageId: 'm' })).toBe(
			'Reopened: the contact wrote again'
		);
	});

	it('cover snoozes, tags, broadcasts, surveys, the bot and page changes', () => {
		expect(say('snoozed', user('ben'), { until: T0 + 60 * MINUTE })).toMatch(/^Snoozed until .+ by Ben Okafor$/);
		expect(say('unsnoozed', user('ana'))).toBe('Unsnoozed by you');
		expect(say('unsnoozed', { kind: 'system', id: 'snooze-expiry' })).toBe('Snooze ended');
		expect(say('tag_added', user('ben'), { tag: 'vip', label: 'VIP' })).toBe('Tag “VIP” added by Ben Okafor');
		expect(say('tag_removed', user('ben'), { tag: 'vip' })).toBe('Tag “VIP” removed by Ben Okafor');
		expect(say('broadcast_sent', automation, { name: 'Spring sale' })).toBe('Broadcast “Spring sale” sent by automation');
		expect(say('survey_started', automation, { name: 'NPS', via: 'broadcast' })).toBe('Survey “NPS” started by a broadcast');
		expect(say('survey_canceled', { kind: 'api', id: 'key1' }, { name: 'NPS' })).toBe('Survey “NPS” canceled by the API');
		expect(say('survey_completed', bot, { name: 'NPS' })).toBe('Survey “NPS” completed');
		expect(say('survey_failed', automation, { error: 'No answer' })).toBe('Survey failed: No answer');
		expect(say('bot_status_on', automation)).toBe('Bot turned on by automation');
		expect(say('bot_status_off', bot)).toBe('Bot turned off by the bot');
		expect(say('contact_created', user('ana'), { channel: 'whatsapp', name: 'Maria' })).toBe('Contact created via WhatsApp');
	});

	it('link only web addresses of a page change', () => {
		const page = describeEvent(event('page_change', { kind: 'system', id: 'widget' }, { url: 'https://shop.test/cart', title: 'Cart' }), names);
		expect(page).toMatchObject({ text: 'Visitor moved to', link: { label: 'Cart', href: 'https://shop.test/cart' } });
		const script = describeEvent(event('page_change', { kind: 'system', id: 'widget' }, { url: 'javascript:alert(1)' }), names);
		expect(script.link).toBeUndefined();
		expect(script.text).toBe('Visitor moved to javascript:alert(1)');
	});

	it('name every kind of actor', () => {
		expect(actorName(user('ana'), names)).toBe('you');
		expect(actorName({ kind: 'system', id: 'system' }, names)).toBe('Switchboard');
	});
});

function message(direction: 'in' | 'out', kind: SenderKind, id: string | null, at = T0): Message {
	return { id: 'm1', contactId: 'c1', direction, text: 'hi', at, sender: { kind, id }, providerMessageId: null, attachments: [] };
}

describe('senders and delivery', () => {
	it('say who sent a message from the platform', () => {
		expect(senderLabel(message('in', 'contact', null), names)).toBeNull();
		expect(senderLabel(message('out', 'user', 'ben'), names)).toBe('Ben Okafor');
		expect(senderLabel(message('out', 'user', 'gone'), names)).toBe('A former agent');
		const labels = (['automation', 'bot', 'away', 'greeting', 'broadcast', 'survey', 'api'] as const).map((kind) =>
			senderLabel(message('out', kind, null), names)
		);
		expect(labels).toEqual(['Automation', 'Bot', 'Away Message', 'Demo (Greeting)', 'Broadcast', 'Survey', 'API']);
	});

	it('tell a message still on this device from one the server has', () => {
		const queued: DeliveryStatus = { state: 'queued', at: T0, error: null, attempt: 1 };
		const mine = message('out', 'user', 'ana', T0);
		expect(deliveryView(mine, queued, 'ana', T0)).toBe('waiting');
		expect(deliveryView(mine, queued, 'ana', null)).toBe('queued');
		// An older message of mine already reached the server before this offline stretch.
		expect(deliveryView(mine, queued, 'ana', T0 + 10 * MINUTE)).toBe('queued');
		// Someone else's queued message came from the server.
		expect(deliveryView(message('out', 'user', 'ben'), queued, 'ana', T0)).toBe('queued');
		expect(deliveryView(mine, { ...queued, state: 'failed', error: 'Outside the window' }, 'ana', T0)).toBe('failed');
		expect(deliveryView(mine, { ...queued, state: 'read' }, 'ana', null)).toBe('read');
		expect(deliveryView(message('in', 'contact', null), null, 'ana', T0)).toBeNull();
	});
});

describe('times', () => {
	it('read "N minutes ago" within the hour, the date and time after', () => {
		const now = T0 + 5 * 60 * MINUTE;
		expect(formatMessageTime(now - 10_000, now)).toBe('just now');
		expect(formatMessageTime(now + 30_000, now)).toBe('just now');
		expect(formatMessageTime(now - MINUTE, now)).toBe('1 minute ago');
		expect(formatMessageTime(now - 59 * MINUTE, now)).toBe('59 minutes ago');
		const older = formatMessageTime(now - 61 * MINUTE, now, 'en-GB');
		expect(older).not.toMatch(/ago/);
		expect(older).toMatch(/\d{2}:\d{2}/);
	});

	it('head each day', () => {
		const now = new Date(2025, 5, 10, 15, 0).getTime();
		expect(formatDayHeading(new Date(2025, 5, 10, 1, 0).getTime(), now)).toBe('Today');
		expect(formatDayHeading(new Date(2025, 5, 9, 23, 59).getTime(), now)).toBe('Yesterday');
		expect(formatDayHeading(new Date(2025, 5, 2).getTime(), now, 'en-GB')).toMatch(/June/);
		expect(isOtherDay(new Date(2025, 5, 9, 23, 59).getTime(), new Date(2025, 5, 10, 0, 1).getTime())).toBe(true);
		expect(isOtherDay(new Date(2025, 5, 10, 0, 1).getTime(), new Date(2025, 5, 10, 23, 0).getTime())).toBe(false);
	});
});

describe('snooze choices', () => {
	it('offer 1 hour, 3 hours, tomorrow 9:00 and next Monday 9:00, in local time', () => {
		const wednesday = new Date(2025, 0, 8, 16, 30).getTime();
		const choices = snoozeChoices(wednesday);
		expect(choices.map((c) => c.label)).toEqual(['1 hour', '3 hours', 'Tomorrow 9:00', 'Next week']);
		expect(choices.map((c) => c.until)).toEqual([
			wednesday + 60 * MINUTE,
			wednesday + 180 * MINUTE,
			new Date(2025, 0, 9, 9, 0).getTime(),
			new Date(2025, 0, 13, 9, 0).getTime()
		]);
		const monday = new Date(2025, 0, 13, 8, 0).getTime();
		expect(snoozeChoices(monday)[3]?.until).toBe(new Date(2025, 0, 20, 9, 0).getTime());
		const sunday = new Date(2025, 0, 12, 22, 0).getTime();
		expect(snoozeChoices(sunday)[3]?.until).toBe(new Date(2025, 0, 13, 9, 0).getTime());
	});

	it('read a chosen date and time to the second, and refuse impossible ones', () => {
		expect(parseLocalDateTime('2025-03-04T09:30')).toBe(new Date(2025, 2, 4, 9, 30).getTime());
		expect(parseLocalDateTime('2025-03-04T09:30:15')).toBe(new Date(2025, 2, 4, 9, 30, 15).getTime());
		expect(parseLocalDateTime('2025-02-31T09:30')).toBeNull();
		expect(parseLocalDateTime('tomorrow')).toBeNull();
		const at = new Date(2025, 6, 1, 7, 5, 9).getTime();
		expect(parseLocalDateTime(toLocalDateTime(at))).toBe(at);
	});
});
