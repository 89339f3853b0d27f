// Input limits on /sync: a frame over MAX_PAYLOAD and a message flood each close only the
// offending socket; other agents' sockets keep syncing.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { TestClient, closeCode, encodeMessage, rawConnect } from '../helpers/node-provider.ts';
import { TestServer } from '../helpers/test-server.ts';

const MAX_PAYLOAD = 64 * 1024;
const AUTH = 2;
const TOKEN = 0;

let server: TestServer;
let cookie: string;
let workspaceDoc: string;
const clients: TestClient[] = [];

beforeAll(async () => {
	server = await TestServer.start({
		env: { MAX_PAYLOAD: String(MAX_PAYLOAD), WS_RATE_BURST: '60', WS_RATE_PER_SECOND: '20' }
	});
	cookie = await server.login('ana@demo.test');
	workspaceDoc = `workspace/${(await server.me(cookie)).workspaces[0]?.id}`;
});

afterEach(() => {
	for (const c of clients.splice(0)) c.destroy();
});

afterAll(async () => {
	await server?.dispose();
});

/** A second agent that must not notice the other socket's trouble. */
async function bystander(): Promise<TestClient> {
	const ben = new TestClient({ url: server.syncUrl, cookie: await server.login('ben@demo.test'), origin: server.origin });
	clients.push(ben);
	ben.open(workspaceDoc);
	await ben.synced();
	return ben;
}

async function stillSyncs(ben: TestClient, key: string) {
	ben.doc(workspaceDoc).getMap('limits').set(key, true);
	await ben.acked();
	const check = new TestClient({ url: server.syncUrl, cookie, origin: server.origin });
	clients.push(check);
	check.open(workspaceDoc);
	await check.synced();
	expect(check.doc(workspaceDoc).getMap('limits').get(key)).toBe(true);
}

it('closes a socket that sends a frame over MAX_PAYLOAD with 1009, and only that socket', async () => {
	const ben = await bystander();
	const outcome = await rawConnect(server.syncUrl, { Origin: server.origin, Cookie: cookie });
	if (!outcome.opened) throw new Error(`expected an open socket, got ${outcome.status}`);
	const closed = closeCode(outcome.socket);
	outcome.socket.send(new Uint8Array(MAX_PAYLOAD + 1024));
	expect(await closed).toBe(1009);
	await stillSyncs(ben, 'after-oversized-frame');
});

it('closes a socket that floods messages with 1008, and only that socket', async () => {
	const ben = await bystander();
	const outcome = await rawConnect(server.syncUrl, { Origin: server.origin, Cookie: cookie });
	if (!outcome.opened) throw new Error(`expected an open socket, got ${outcome.status}`);
	const closed = closeCode(outcome.socket);
	// Well-formed messages (auth requests for documents that don't exist), far over the burst.
	for (let i = 0; i < 300; i++) outcome.socket.send(encodeMessage([`nonsense/${i}`, AUTH, TOKEN, 'token']));
	expect(await closed).toBe(1008);
	expect(server.output.some((line) => line.includes('exceeded the message rate'))).toBe(true);
	await stillSyncs(ben, 'after-flood');
});
