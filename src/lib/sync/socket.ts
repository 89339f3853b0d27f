import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';

// The one websocket every document provider shares. The server authenticates it at the upgrade
// with the httpOnly session cookie, so it must be on the app's own origin.

export function syncUrl(origin: string = location.origin): string {
	return `${origin.replace(/^http/, 'ws')}/sync`;
}

export function createSocket(url: string = syncUrl()): HocuspocusProviderWebsocket {
	const socket = new HocuspocusProviderWebsocket({
		url,
		// The default backoff grows to 30 s; an agent back online should not wait that long.
		maxDelay: 8_000
	});
	// The browser knows first when the network returns: retry now instead of after the backoff.
	const retryNow = () => void socket.connect();
	globalThis.addEventListener?.('online', retryNow);
	socket.on('destroy', () => globalThis.removeEventListener?.('online', retryNow));
	return socket;
}
