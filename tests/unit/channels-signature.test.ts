import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newChannelSecret, signBody, verifySignature } from '../../server/channels/signature.ts';

const secret = 'sbwh_test';
const body = Buffer.from('{"text":"olá 👋"}', 'utf8');
const expected = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('webhook signatures', () => {
	it('signs the raw bytes with HMAC-SHA256', () => {
		expect(signBody(secret, body)).toBe(expected);
		expect(signBody(secret, body.toString('utf8'))).toBe(expected);
	});

	it('accepts only the exact signature of the exact bytes', () => {
		expect(verifySignature(secret, body, expected)).toBe(true);
		expect(verifySignature(secret, body, expected.toUpperCase().replace('SHA256=', 'sha256='))).toBe(true);
		expect(verifySignature('other', body, expected)).toBe(false);
		expect(verifySignature(secret, Buffer.from('{"text": "olá 👋"}'), expected)).toBe(false);
		expect(verifySignature(secret, body, undefined)).toBe(false);
		expect(verifySignature(secret, body, [expected])).toBe(false);
		expect(verifySignature(secret, body, expected.slice(7))).toBe(false);
		expect(verifySignature(secret, body, `${expected}00`)).toBe(false);
		expect(verifySignature(secret, body, 'sha256=')).toBe(false);
	});

	it('makes distinct, recognisable secrets', () => {
		const a = newChannelSecret();
		expect(a).toMatch(/^sbwh_[A-Za-z0-9_-]{43}$/);
		expect(newChannelSecret()).not.toBe(a);
	});
});
