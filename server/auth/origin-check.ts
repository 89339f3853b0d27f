// Is a request from the app's own pages? Browsers send Origin on every websocket handshake
// (and every POST), and cookies ride along whatever page made the request. Without this
// check any website could open /sync with a logged-in agent's cookie (cross-site websocket
// hijacking). A missing Origin counts as foreign here; callers decide what that means.
import type { IncomingMessage } from 'node:http';

export function isAllowedOrigin(request: IncomingMessage, appOrigin: string | undefined): boolean {
	const origin = request.headers.origin;
	if (!origin) return false;
	if (appOrigin) return origin === appOrigin;
	const host = request.headers.host;
	if (!host) return false;
	try {
		const url = new URL(origin);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host.toLowerCase();
	} catch {
		return false;
	}
}
