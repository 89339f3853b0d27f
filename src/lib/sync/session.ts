import { appDb } from './app-db.ts';
import { identitySchema, type Identity } from './identity.ts';

// Log-in state against `/api/auth/*`. The session itself is an httpOnly cookie the websocket
// also uses; this module only learns who the user is. When the server cannot be reached, the
// last identity cached in IndexedDB stands in, so the inbox opens offline; a 401 means the
// session is over and the cache is dropped.

const IDENTITY_KEY = 'identity';

export type SessionState =
	| { kind: 'signed-in'; identity: Identity; offline: boolean }
	| { kind: 'signed-out' };

export class LoginError extends Error {}

export async function cachedIdentity(): Promise<Identity | null> {
	try {
		const row = await appDb().meta.get(IDENTITY_KEY);
		const parsed = identitySchema.safeParse(row?.value);
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

async function cacheIdentity(identity: Identity | null): Promise<void> {
	const meta = appDb().meta;
	await (identity ? meta.put({ key: IDENTITY_KEY, value: identity }) : meta.delete(IDENTITY_KEY));
}

/** Asks the server who is signed in; falls back to the cache only when the server is unreachable. */
export async function resolveSession(): Promise<SessionState> {
	let response: Response;
	try {
		response = await fetch('/api/auth/me', { credentials: 'same-origin', headers: { accept: 'application/json' } });
	} catch {
		return offline();
	}
	if (response.status === 401 || response.status === 403) {
		await cacheIdentity(null);
		return { kind: 'signed-out' };
	}
	// A 5xx or a proxy's error page is "server unavailable", not "signed out".
	if (!response.ok) return offline();
	const parsed = identitySchema.safeParse(await response.json().catch(() => null));
	if (!parsed.success) return offline();
	await cacheIdentity(parsed.data);
	return { kind: 'signed-in', identity: parsed.data, offline: false };
}

async function offline(): Promise<SessionState> {
	const identity = await cachedIdentity();
	return identity ? { kind: 'signed-in', identity, offline: true } : { kind: 'signed-out' };
}

export async function login(email: string, password: string): Promise<Identity> {
	let response: Response;
	try {
		response = await fetch('/api/auth/login', {
			method: 'POST',
			credentials: 'same-origin',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify({ email, password })
		});
	} catch {
		throw new LoginError('Cannot reach the server. Check your connection and try again.');
	}
	if (response.status === 400) throw new LoginError('Enter a valid email address and your password.');
	if (response.status === 401) throw new LoginError('Wrong email or password.');
	if (response.status === 429) throw new LoginError('Too many attempts. Wait a minute and try again.');
	if (!response.ok) throw new LoginError(`The server could not sign you in (${response.status}).`);
	// The log-in answer carries the identity; ask /me only if it does not parse.
	const parsed = identitySchema.safeParse(await response.json().catch(() => null));
	if (parsed.success) {
		await cacheIdentity(parsed.data);
		return parsed.data;
	}
	const session = await resolveSession();
	if (session.kind !== 'signed-in' || session.offline) throw new LoginError('Signed in, but the session did not start.');
	return session.identity;
}

/** Ends the session on the server (best effort) and forgets the cached identity. */
export async function logout(): Promise<void> {
	await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
	await cacheIdentity(null);
}
