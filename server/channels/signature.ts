// Webhook signatures, both directions: `sha256=<hex HMAC-SHA256 of the raw body>` keyed with
// the channel's secret. Verified over the exact bytes received (never a re-serialised parse:
// JSON.stringify changes key order, spacing and escapes), and compared in constant time.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';
const HEX_DIGEST = /^[0-9a-f]{64}$/i;

export function signBody(secret: string, body: string | Uint8Array): string {
	return PREFIX + createHmac('sha256', secret).update(body).digest('hex');
}

/** False for a missing, malformed or wrong signature. */
export function verifySignature(secret: string, body: Uint8Array, header: string | string[] | undefined): boolean {
	if (typeof header !== 'string' || !header.startsWith(PREFIX)) return false;
	const given = header.slice(PREFIX.length).trim();
	if (!HEX_DIGEST.test(given)) return false;
	const expected = createHmac('sha256', secret).update(body).digest();
	return timingSafeEqual(Buffer.from(given, 'hex'), expected);
}

/** 32 random bytes; the prefix makes a leaked secret easy to recognise in logs and scanners. */
export const newChannelSecret = () => `sbwh_${randomBytes(32).toString('base64url')}`;
