// Two server processes behind Redis, sharing one PostgreSQL database (a fresh schema in
// database `test`): a change made through one reaches a client of the other, and is
// appended to the log once, not once per process. Skipped with a message when Redis or
// PostgreSQL is not reachable.
import { connect } from 'node:net';
import { userInfo } from 'node:os';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/node-provider.ts';
import { TestServer, waitUntil } from '../helpers/test-server.ts';

const PG_URL = process.env.TEST_DATABASE_URL ?? `postgres://${process.env.PGUSER ?? userInfo().username}@127.0.0.1:5432/test`;
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function redisReachable(): Promise<boolean> {
	const url = new URL(REDIS_URL);
	return new Promise((resolve) => {
		const socket = connect({ host: url.hostname, port: Number(url.port || 6379) });
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(2000, () => done(false));
		socket.once('error', () => done(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
	});
}

async function sql(text: string, values: unknown[] = []) {
	const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
	await client.connect();
	try {
		return await client.query(text, values);
	} finally {
		await client.end();
	}
}

const hasPostgres = await sql('SELECT 1').then(
	() => true,
	() => false
);
const hasRedis = await redisReachable();
if (!hasPostgres || !hasRedis) {
	console.warn(
		`Skipping the Redis fan-out test: ${[!hasRedis && `Redis not reachable at ${REDIS_URL}`, !hasPostgres && `PostgreSQL not reachable at ${PG_URL}`].filter(Boolean).join('; ')}.`
	);
}

describe.skipIf(!hasPostgres || !hasRedis)('two servers behind Redis', () => {
	const schema = `sb_redis_${process.pid}_${Date.now()}`;
	const servers: TestServer[] = [];
	const clients: TestClient[] = [];

	beforeAll(async () => {
		await sql(`CREATE SCHEMA ${schema}`);
		const databaseUrl = new URL(PG_URL);
		databaseUrl.searchParams.set('options', `-c search_path=${schema}`);
		// No idle compaction during the test: the row count below must stay readable.
		const env = { DATABASE_URL: databaseUrl.href, REDIS_URL, COMPACT_IDLE_MS: '600000' };
		// One after the other: the first seeds the empty database, the second finds it seeded.
		servers.push(await TestServer.start({ env }));
		servers.push(await TestServer.start({ env }));
	});

	afterAll(async () => {
		for (const client of clients) client.destroy();
		for (const server of servers) await server.dispose();
		await sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
	});

	it('carries a change made through one server to a client of the other', async () => {
		const [one, two] = servers as [TestServer, TestServer];
		const anaCookie = await one.login('ana@demo.test');
		const workspaceId = (await one.me(anaCookie)).workspaces[0]?.id;
		const name = `workspace/${workspaceId}`;
		const ana = new TestClient({ url: one.syncUrl, cookie: anaCookie, origin: one.origin });
		const ben = new TestClient({ url: two.syncUrl, cookie: await two.login('ben@demo.test'), origin: two.origin });
		clients.push(ana, ben);
		ana.open(name);
		ben.open(name);
		await Promise.all([ana.synced(), ben.synced()]);

		const rows = async () =>
			Number((await sql(`SELECT count(*) AS n FROM ${schema}.doc_updates WHERE name = $1`, [name])).rows[0]?.n);
		const before = await rows();

		ana.doc(name).getMap('redis').set('from-one', 'hello');
		await ana.acked();
		await waitUntil(() => ben.doc(name).getMap('redis').get('from-one') === 'hello', { what: 'the change on server two' });

		ben.doc(name).getMap('redis').set('from-two', 'hi back');
		await ben.acked();
		await waitUntil(() => ana.doc(name).getMap('redis').get('from-two') === 'hi back', { what: 'the change on server one' });

		// Each change was appended by the server its client sent it to, and only there.
		await waitUntil(async () => (await rows()) === before + 2, { what: 'two appended rows' });
		expect(await rows()).toBe(before + 2);
	});
});
