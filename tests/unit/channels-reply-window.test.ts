import { describe, expect, it } from 'vitest';
import { contactReplyWindow, lastIncomingAt, replyWindowState } from '../../shared/query/index.ts';
import { replyWindowFor } from '../../shared/schemas/index.ts';

const HOUR = 3_600_000;
const NOW = Date.UTC(2025, 0, 2, 12);
const whatsapp = { type: 'whatsapp' as const, replyWindowHours: 24 };

describe('replyWindowState', () => {
	it('is open up to and including the window’s last millisecond', () => {
		expect(replyWindowState(whatsapp, NOW - 23 * HOUR, NOW)).toEqual({ kind: 'open', hours: 24, closesAt: NOW + HOUR });
		expect(replyWindowState(whatsapp, NOW - 24 * HOUR, NOW)).toMatchObject({ kind: 'open', closesAt: NOW });
	});

	it('is closed after it, with the refusal text', () => {
		expect(replyWindowState(whatsapp, NOW - 25 * HOUR, NOW)).toEqual({
			kind: 'closed',
			hours: 24,
			closedAt: NOW - HOUR,
			message: 'Outside the 24-hour reply window for WhatsApp'
		});
		expect(replyWindowState({ type: 'messenger', replyWindowHours: 48 }, NOW - 49 * HOUR, NOW)).toMatchObject({
			message: 'Outside the 48-hour reply window for Messenger'
		});
	});

	it('is closed when the contact never wrote, and absent for channels without a window', () => {
		expect(replyWindowState(whatsapp, null, NOW)).toMatchObject({ kind: 'closed', closedAt: null });
		expect(replyWindowState({ type: 'telegram', replyWindowHours: null }, null, NOW)).toEqual({ kind: 'none' });
	});

	it('counts from the latest incoming message only', () => {
		const messages = [
			{ direction: 'in' as const, at: 5 },
			{ direction: 'out' as const, at: 90 },
			{ direction: 'in' as const, at: 40 }
		];
		expect(lastIncomingAt(messages)).toBe(40);
		expect(lastIncomingAt([{ direction: 'out' as const, at: 1 }])).toBeNull();
	});
});

describe('contactReplyWindow', () => {
	it('uses the strictest window of the contact’s channel type, and none without one', () => {
		const channels = [
			{ type: 'messenger' as const, replyWindowHours: 72 },
			{ type: 'messenger' as const, replyWindowHours: 24 },
			{ type: 'telegram' as const, replyWindowHours: null }
		];
		expect(contactReplyWindow(channels, 'messenger', NOW - 30 * HOUR, NOW)).toMatchObject({ kind: 'closed', hours: 24 });
		expect(contactReplyWindow(channels, 'telegram', null, NOW)).toEqual({ kind: 'none' });
		expect(contactReplyWindow(channels, 'whatsapp', null, NOW)).toEqual({ kind: 'none' });
	});
});

describe('replyWindowFor', () => {
	it('fixes WhatsApp at 24 h, defaults Messenger and Instagram to 24 h, and gives others none', () => {
		expect(replyWindowFor('whatsapp', undefined)).toEqual({ hours: 24 });
		expect(replyWindowFor('whatsapp', 48)).toHaveProperty('error');
		expect(replyWindowFor('instagram', undefined)).toEqual({ hours: 24 });
		expect(replyWindowFor('messenger', 72)).toEqual({ hours: 72 });
		expect(replyWindowFor('messenger', null)).toHaveProperty('error');
		expect(replyWindowFor('email', undefined)).toEqual({ hours: null });
		expect(replyWindowFor('sms', 24)).toHaveProperty('error');
	});
});
