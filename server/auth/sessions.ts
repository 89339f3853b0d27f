// Browser sessions: a random token in an httpOnly cookie; the database keeps only its
// sha256, so a leaked database holds no usable session.
import { createHash, randomBytes } from 'node:crypto';
import type { Storage } from '../storage/types.ts';
import type { User } from '../storage/types.ts';

export const SESSION_COOKIE = 'sb_session';
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

export const hashSessionToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function startSession(storage: Storage, userId: string): Promise<{ token: string; expiresAt: number }> {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = Date.now() + SESSION_TTL_MS;
	await storage.createSession(hashSessionToken(token), { userId, expiresAt });
	return { token, expiresAt };
}

export type ResolvedSession = { user: User; tokenHash: string; expiresAt: number };

export async function resolveSession(storage: Storage, token: string | undefined): Promise<ResolvedSession | null> {
	// Tokens are 43 characters of base64url; anything else can't be ours and skips the lookup.
	if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
	const tokenHash = hashSessionToken(token);
	const session = await storage.findSession(tokenHash);
	if (!session) return null;
	const user = await storage.getUser(session.userId);
	return user ? { user, tokenHash, expiresAt: session.expiresAt } : null;
}
