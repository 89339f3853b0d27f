// Fan-out between several server processes through Redis, when REDIS_URL is set. Each
// document gets a pub/sub channel; updates arriving that way carry REDIS_ORIGIN and are not
// appended again (the process whose client sent them has appended them). Redis pub/sub may
// drop a message; the next change's sync step 1 repairs the gap.
import { Redis } from '@hocuspocus/extension-redis';
import type { Extension } from '@hocuspocus/server';

export function createRedisExtension(redisUrl: string): Extension {
	const url = new URL(redisUrl);
	const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
	return new Redis({
		host: url.hostname,
		port: url.port ? Number(url.port) : 6379,
		prefix: 'switchboard',
		options: {
			username: url.username ? decodeURIComponent(url.username) : undefined,
			password: url.password ? decodeURIComponent(url.password) : undefined,
			db: Number.isInteger(db) ? db : 0,
			tls: url.protocol === 'rediss:' ? {} : undefined
		}
	});
}
