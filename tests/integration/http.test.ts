// HTTP endpoints of the real server process: auth, JSON errors, limits, static files.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestServer } from '../helpers/test-server.ts';

let server: TestServer;
let staticDir: string;

beforeAll(async () => {
	// A stand-in for build/: the tests must not depend on `npm run build` having run.
	staticDir = await mkdtemp(path.join(tmpdir(), 'switchboard-static-'));
	await mkdir(path.join(staticDir, '_app/immutable/chunks'), { recursive: true });
	await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Switchboard</title>');
	await writeFile(path.join(staticDir, 'service-worker.js'), 'self.addEventListener("install", () => {});');
	await writeFile(path.join(staticDir, '_app/immutable/chunks/app.abc123.js'), 'export const x = 1;');
	await writeFile(path.join(staticDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
	server = await TestServer.start({ env: { STATIC_DIR: staticDir } });
});

afterAll(async () => {
	await server?.dispose();
	if (staticDir) await rm(staticDir, { recursive: true, force: true });
});

const post = (pathname: string, body: string, headers: Record<string, string> = {}) =>
	fetch(`${server.url}${pathname}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body
	});

describe('auth', () => {
	it('logs in, answers /me, logs out', async () => {
		const response = await post('/api/auth/login', JSON.stringify({ email: 'Ana@Demo.test', password: 'switchboard' }));
		expect(response.status).toBe(200);
		const setCookie = response.headers.get('set-cookie') ?? '';
		expect(setCookie).toMatch(/^sb_session=[A-Za-z0-9_-]{43};/);
		expect(setCookie).toContain('HttpOnly');
		expect(setCookie).toContain('SameSite=Lax');
		const body = await response.json();
		expect(body.user.email).toBe('ana@demo.test');
		expect(body.workspaces).toEqual([{ id: expect.any(String), name: 'Demo', role: 'owner' }]);

		const cookie = setCookie.split(';')[0] ?? '';
		const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
		expect(me.status).toBe(200);
		expect(await me.json()).toEqual(body);

		const logout = await post('/api/auth/logout', '{}', { cookie });
		expect(logout.status).toBe(200);
		expect(logout.headers.get('set-cookie')).toContain('Max-Age=0');
		const after = await fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
		expect(after.status).toBe(401);
		expect(await after.json()).toMatchObject({ error: 'unauthenticated' });
	});

	it('refuses a wrong password and an unknown email alike', async () => {
		for (const email of ['ben@demo.test', 'nobody@demo.test']) {
			const response = await post('/api/auth/login', JSON.stringify({ email, password: 'wrong' }));
			expect(response.status).toBe(401);
			expect(response.headers.get('set-cookie')).toBeNull();
			expect(await response.json()).toMatchObject({ error: 'invalid_credentials' });
		}
	});

	it('refuses a log-in posted from another origin', async () => {
		const body = JSON.stringify({ email: 'ana@demo.test', password: 'switchboard' });
		const foreign = await post('/api/auth/login', body, { origin: 'http://evil.test' });
		expect(foreign.status).toBe(403);
		expect(foreign.headers.get('set-cookie')).toBeNull();
		expect((await post('/api/auth/login', body, { origin: server.origin })).status).toBe(200);
	});

	it('answers /me without a cookie with 401', async () => {
		const response = await fetch(`${server.url}/api/auth/me`);
		expect(response.status).toBe(401);
	});

	it('limits failed log-ins per IP and email', async () => {
		const attempt = () => post('/api/auth/login', JSON.stringify({ email: 'cara@demo.test', password: 'guess' }));
		for (let i = 0; i < 10; i++) expect((await attempt()).status).toBe(401);
		const limited = await attempt();
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
		// Another email from the same IP is not affected.
		expect((await post('/api/auth/login', JSON.stringify({ email: 'ben@demo.test', password: 'switchboard' }))).status).toBe(200);
	});
});

describe('bad input', () => {
	it('answers invalid JSON with 400', async () => {
		const response = await post('/api/auth/login', '{"email": ');
		expect(response.status).toBe(400);
		expect(await response.json()).toMatchObject({ error: 'invalid_json' });
	});

	it('names the offending field', async () => {
		const response = await post('/api/auth/login', JSON.stringify({ email: 'not-an-email', password: 'x' }));
		expect(response.status).toBe(400);
		expect(await response.json()).toMatchObject({ error: 'invalid_request', field: 'email' });
		const missing = await post('/api/auth/login', JSON.stringify({ email: 'ana@demo.test' }));
		expect(await missing.json()).toMatchObject({ field: 'password' });
	});

	it('refuses a body over the limit with 413', async () => {
		const big = JSON.stringify({ email: 'ana@demo.test', password: 'x'.repeat(200 * 1024) });
		const response = await post('/api/auth/login', big);
		expect(response.status).toBe(413);
		expect(await response.json()).toMatchObject({ error: 'payload_too_large' });
	});

	it('answers unknown /api paths with 404 JSON and wrong methods with 405', async () => {
		const missing = await fetch(`${server.url}/api/nope`);
		expect(missing.status).toBe(404);
		expect(missing.headers.get('content-type')).toContain('application/json');
		expect(await missing.json()).toMatchObject({ error: 'not_found' });
		const wrongMethod = await fetch(`${server.url}/api/auth/login`);
		expect(wrongMethod.status).toBe(405);
	});

	it('answers health', async () => {
		const response = await fetch(`${server.url}/api/health`);
		expect(await response.json()).toEqual({ ok: true });
	});
});

describe('static app', () => {
	it('serves index.html for app routes, with revalidation', async () => {
		for (const route of ['/', '/inbox', '/contacts/abc']) {
			const response = await fetch(`${server.url}${route}`);
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
			expect(response.headers.get('cache-control')).toBe('no-cache');
			expect(await response.text()).toContain('<title>Switchboard</title>');
		}
	});

	it('serves the service worker with no-cache and hashed assets as immutable', async () => {
		const sw = await fetch(`${server.url}/service-worker.js`);
		expect(sw.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
		expect(sw.headers.get('cache-control')).toBe('no-cache');
		const chunk = await fetch(`${server.url}/_app/immutable/chunks/app.abc123.js`);
		expect(chunk.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		const icon = await fetch(`${server.url}/favicon.svg`);
		expect(icon.headers.get('content-type')).toBe('image/svg+xml');
	});

	it('answers missing assets with 404 and never leaves the build directory', async () => {
		expect((await fetch(`${server.url}/_app/immutable/missing.js`)).status).toBe(404);
		const escape = await fetch(`${server.url}/..%2f..%2fpackage.json`);
		expect(escape.status).toBe(404);
	});
});
