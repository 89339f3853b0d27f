// The few cookie operations we need: read one cookie from a request, write the session one.
import type { IncomingMessage } from 'node:http';

export function readCookie(request: IncomingMessage, name: string): string | undefined {
	const header = request.headers.cookie;
	if (!header) return undefined;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq < 0) continue;
		if (part.slice(0, eq).trim() !== name) continue;
		const value = part.slice(eq + 1).trim();
		try {
			return decodeURIComponent(value);
		} catch {
			return undefined;
		}
	}
	return undefined;
}

export type CookieOptions = { maxAgeSeconds: number; secure: boolean };

/**
 * httpOnly: scripts never see the token. SameSite=Lax: other sites' pages can't make the
 * browser send it on POSTs (the websocket has its own Origin check). Secure on https.
 */
export function sessionCookie(name: string, value: string, { maxAgeSeconds, secure }: CookieOptions): string {
	const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`];
	if (secure) parts.push('Secure');
	return parts.join('; ');
}
