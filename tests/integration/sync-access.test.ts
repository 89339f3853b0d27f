// Who gets onto /sync, and which documents each agent may open, against the real server.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/password.ts';
import { TestClient, closeCode, rawConnect } from '../helpers/node-provider.ts';
import { TestServer } from '../helpers/test-server.ts';

let server: TestServer;
let anaCookie: string;
let benCookie: string;
let demoId: string;
let anaId: string;
let benId: string;
let otherId: string;
const clients: TestClient[] = [];

function client(cookie: string): TestClient {
	const created = new TestClient({ url: server.syncUrl, cookie, origin: server.origin });
	clients.push(created);
	return created;
}

beforeAll(async () => {
	server = await TestServer.start();
	// A second workspace that none of the demo agents belongs to.
	otherId = await server.withSqlite(async (storage) => {
		const other = await storage.createWorkspace({ name: 'Other' });
		const dana = await storage.createUser({
			email: 'dana@other.test',
			name: 'Dana',
			passwordHash: await hashPassword('switchboard')
		});
		await storage.addMembership(other.id, dana.id, 'owner');
		return other.id;
	});
	anaCookie = await server.login('ana@demo.test');
	benCookie = await server.login('ben@demo.test');
	const ana = await server.me(anaCookie);
	const ben = await server.me(benCookie);
	anaId = ana.user.id;
	benId = ben.user.id;
	demoId = ana.workspaces[0]?.id ?? '';
});

afterEach(() => {
	for (const c of clients.splice(0)) c.destroy();
});

afterAll(async () => {
	await server?.dispose();
});

describe('upgrade', () => {
	it('refuses a handshake without a session with 401, before any websocket exists', async () => {
		expect(await rawConnect(server.syncUrl, { Origin: server.origin })).toEqual({ opened: false, status: 401 });
		const forged = { Origin: server.origin, Cookie: 'sb_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' };
		expect(await rawConnect(server.syncUrl, forged)).toEqual({ opened: false, status: 401 });
	});

	it('refuses a foreign or missing Origin with 403', async () => {
		expect(await rawConnect(server.syncUrl, { Origin: 'http://evil.test', Cookie: anaCookie })).toEqual({
			opened: false,
			status: 403
		});
		expect(await rawConnect(server.syncUrl, { Cookie: anaCookie })).toEqual({ opened: false, status: 403 });
	});

	it('refuses other paths with 404', async () => {
		const outcome = await rawConnect(`ws://127.0.0.1:${server.port}/elsewhere`, { Origin: server.origin, Cookie: anaCookie });
		expect(outcome).toEqual({ opened: false, status: 404 });
	});

	it('opens with a session and the app Origin', async () => {
		const outcome = await rawConnect(server.syncUrl, { Origin: server.origin, Cookie: anaCookie });
		expect(outcome.opened).toBe(true);
		if (outcome.opened) outcome.socket.close();
	});

	it('closes the live sockets of a session that logs out', async () => {
		const cookie = await server.login('cara@demo.test');
		const outcome = await rawConnect(server.syncUrl, { Origin: server.origin, Cookie: cookie });
		if (!outcome.opened) throw new Error(`expected an open socket, got ${outcome.status}`);
		const closed = closeCode(outcome.socket);
		await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie } });
		expect(await closed).toBe(4401);
		expect(await rawConnect(server.syncUrl, { Origin: server.origin, Cookie: cookie })).toEqual({ opened: false, status: 401 });
	});
});

describe('document access', () => {
	it("denies another workspace's and another agent's documents; the socket keeps syncing the rest", async () => {
		// Content in the other workspace, written by its own member.
		const dana = client(await server.login('dana@other.test'));
		dana.open(`workspace/${otherId}`).document.getMap('secret').set('plan', 'world domination');
		await dana.acked();

		const ana = client(anaCookie);
		const allowed = [`workspace/${demoId}`, `agent/${demoId}/${anaId}`, `index/${demoId}/7`, `contact/${demoId}/c1`];
		const forbidden = {
			[`workspace/${otherId}`]: 'not-a-member',
			[`agent/${demoId}/${benId}`]: 'not-your-agent-document',
			[`contact/${otherId}/c1`]: 'not-a-member',
			'nonsense/doc': 'invalid-document-name',
			[`index/${demoId}/64`]: 'invalid-document-name'
		};
		// Interleave allowed and forbidden names on one socket.
		for (const [i, name] of allowed.entries()) {
			ana.open(name);
			const bad = Object.keys(forbidden)[i];
			if (bad) ana.open(bad);
		}
		for (const bad of Object.keys(forbidden).slice(allowed.length)) ana.open(bad);

		for (const [name, reason] of Object.entries(forbidden)) expect(await ana.deniedReason(name)).toBe(reason);
		await ana.synced(allowed);

		// Denied documents received no bytes: no client's structs in their stores.
		for (const name of Object.keys(forbidden)) expect(ana.doc(name).store.clients.size).toBe(0);
		expect(ana.doc(`workspace/${otherId}`).getMap('secret').size).toBe(0);

		// After the denials the same socket still writes and is acknowledged, and another
		// agent sees the change.
		ana.doc(`workspace/${demoId}`).getMap('notes').set('after-denials', 'still syncing');
		await ana.acked(allowed);
		const ben = client(benCookie);
		const benWorkspace = ben.open(`workspace/${demoId}`);
		await ben.synced();
		expect(benWorkspace.document.getMap('notes').get('after-denials')).toBe('still syncing');
	});
});
