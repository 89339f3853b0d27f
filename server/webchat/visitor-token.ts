// A web chat visitor's credential: `{channelId}.{visitorId}.{signature}`, the signature an
// HMAC keyed with the web chat channel's secret (which web chat has no webhooks to use for).
// Stateless: nothing to store per visitor; the link channel ↔ visitor → contact is in
// channel_contacts. Rotating the channel's secret in Settings → Channels signs every visitor
// out and makes their file links stop working.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isValidId } from '../../shared/doc/names.ts';
import type { StoredChannel } from '../storage/types.ts';

export type ParsedVisitorToken = { channelId: string; visitorId: string; signature: string };

const mac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('base64url');

const tokenMac = (channel: StoredChannel, visitorId: string) => mac(channel.secret, `webchat-visitor\n${channel.id}\n${visitorId}`);

export function visitorToken(channel: StoredChannel, visitorId: string): string {
	return `${channel.id}.${visitorId}.${tokenMac(channel, visitorId)}`;
}

export function parseVisitorToken(token: string): ParsedVisitorToken | null {
	const [channelId = '', visitorId = '', signature = '', ...rest] = token.split('.');
	if (rest.length > 0 || !isValidId(channelId) || !isValidId(visitorId) || !/^[A-Za-z0-9_-]{43}$/.test(signature)) return null;
	return { channelId, visitorId, signature };
}

export function verifyVisitorToken(channel: StoredChannel, token: ParsedVisitorToken): boolean {
	if (channel.id !== token.channelId || channel.type !== 'webchat') return false;
	return sameText(tokenMac(channel, token.visitorId), token.signature);
}

/** File links in a visitor's messages: `/api/webchat/files/{channelId}/{fileId}[/thumbnail]?e=&s=`. */
export const FILE_LINK_TTL_MS = 12 * 3600 * 1000;

const linkMac = (channel: StoredChannel, fileId: string, expires: number) =>
	mac(channel.secret, `webchat-file\n${channel.id}\n${fileId}\n${expires}`);

export function fileLink(channel: StoredChannel, fileId: string, thumbnail: boolean, now = Date.now()): string {
	// Rounded to the hour, so the same file gets the same link for a while (the browser caches it).
	const expires = Math.ceil((now + FILE_LINK_TTL_MS) / 3_600_000) * 3_600_000;
	const path = `/api/webchat/files/${channel.id}/${encodeURIComponent(fileId)}${thumbnail ? '/thumbnail' : ''}`;
	return `${path}?e=${expires}&s=${linkMac(channel, fileId, expires)}`;
}

export function verifyFileLink(channel: StoredChannel, fileId: string, expires: string | null, signature: string | null, now = Date.now()): boolean {
	const at = Number(expires);
	if (!Number.isSafeInteger(at) || at < now || !signature) return false;
	return sameText(linkMac(channel, fileId, at), signature);
}

function sameText(expected: string, given: string): boolean {
	const a = Buffer.from(expected);
	const b = Buffer.from(given);
	return a.length === b.length && timingSafeEqual(a, b);
}
