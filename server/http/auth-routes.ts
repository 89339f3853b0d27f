// POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me.
import type { IncomingMessage } from 'node:http';
import { readCookie, sessionCookie } from '../auth/cookies.ts';
import { dummyPasswordHash, verifyPassword } from '../auth/password.ts';
import { SESSION_COOKIE, SESSION_TTL_MS, resolveSession, startSession } from '../auth/sessions.ts';
import type { Storage, User } from '../storage/types.ts';
import { loginRequestSchema, type SessionInfo } from './auth-schemas.ts';
import { HttpError, parseWith, readJson, sendJson } from './json.ts';
import { LoginLimiter } from './login-limiter.ts';
import type { Route } from './router.ts';

export type AuthRoutesOptions = {
	storage: Storage;
	/** Closes the live sockets of a session that logged out. */
	closeSession: (sessionHash: string) => void;
	/** Whether the app is served over https (then cookies get `Secure`). */
	secureCookies: (request: IncomingMessage) => boolean;
};

export function authRoutes({ storage, closeSession, secureCookies }: AuthRoutesOptions): Route[] {
	const limiter = new LoginLimiter();

	async function sessionInfo(user: User): Promise<SessionInfo> {
		const workspaces = await storage.listMemberships(user.id);
		return { user: { id: user.id, email: user.email, name: user.name }, workspaces };
	}

	return [
		{
			method: 'POST',
			path: '/api/auth/login',
			async handle(request, response) {
				const { email, password } = parseWith(loginRequestSchema, await readJson(request));
				const key = `${request.socket.remoteAddress ?? '?'}|${email}`;
				const wait = limiter.retryAfter(key);
				if (wait > 0) {
					throw new HttpError(429, 'too_many_attempts', `Too many failed log-ins. Try again in ${wait} s.`, {
						headers: { 'Retry-After': String(wait) }
					});
				}
				const user = await storage.findUserByEmail(email);
				// Verify against a dummy hash for unknown emails: same work, same timing.
				const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
				if (!user || !ok) {
					limiter.failed(key);
					throw new HttpError(401, 'invalid_credentials', 'Wrong email or password.');
				}
				limiter.succeeded(key);
				const { token } = await startSession(storage, user.id);
				const cookie = sessionCookie(SESSION_COOKIE, token, {
					maxAgeSeconds: SESSION_TTL_MS / 1000,
					secure: secureCookies(request)
				});
				sendJson(response, 200, await sessionInfo(user), { 'Set-Cookie': cookie });
			}
		},
		{
			method: 'POST',
			path: '/api/auth/logout',
			async handle(request, response) {
				const session = await resolveSession(storage, readCookie(request, SESSION_COOKIE));
				if (session) {
					await storage.deleteSession(session.tokenHash);
					closeSession(session.tokenHash);
				}
				const cleared = sessionCookie(SESSION_COOKIE, '', { maxAgeSeconds: 0, secure: secureCookies(request) });
				sendJson(response, 200, { ok: true }, { 'Set-Cookie': cleared });
			}
		},
		{
			method: 'GET',
			path: '/api/auth/me',
			async handle(request, response) {
				const session = await resolveSession(storage, readCookie(request, SESSION_COOKIE));
				if (!session) throw new HttpError(401, 'unauthenticated', 'Not logged in.');
				sendJson(response, 200, await sessionInfo(session.user));
			}
		}
	];
}
