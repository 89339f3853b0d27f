// The /api router's `:param` segments and the per-key queue the channel services rely on.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../../server/channels/keyed-queue.ts';
import { HttpError } from '../../server/http/json.ts';
import { createRouter, type RouteParams } from '../../server/http/router.ts';

describe('router params', () => {
	const seen: Array<[string, RouteParams]> = [];
	const route = (method: 'GET' | 'POST', path: string) => ({
		method,
		path,
		async handle(_q: IncomingMessage, _r: ServerResponse, params: RouteParams) {
			seen.push([`${method} ${path}`, { ...params }]);
		}
	});
	const router = createRouter([
		route('GET', '/api/health'),
		route('POST', '/api/channels/:channelId/inbound'),
		route('GET', '/api/workspaces/:workspaceId/channels'),
		route('POST', '/api/workspaces/:workspaceId/channels/:channelId/secret')
	]);
	const call = (method: string, path: string) => router({ method } as IncomingMessage, {} as ServerResponse, path);

	it('passes the matched segments, decoded', async () => {
		await call('POST', '/api/channels/wa%2D1/inbound');
		await call('POST', '/api/workspaces/w1/channels/c1/secret');
		await call('GET', '/api/health');
		expect(seen).toEqual([
			['POST /api/channels/:channelId/inbound', { channelId: 'wa-1' }],
			['POST /api/workspaces/:workspaceId/channels/:channelId/secret', { workspaceId: 'w1', channelId: 'c1' }],
			['GET /api/health', {}]
		]);
	});

	it('answers 404 for near misses and 405 for other methods', async () => {
		await expect(call('POST', '/api/channels//inbound')).rejects.toMatchObject({ status: 404 });
		await expect(call('POST', '/api/channels/a/b/inbound')).rejects.toMatchObject({ status: 404 });
		await expect(call('POST', '/api/channels/%E0%A4%A/inbound')).rejects.toMatchObject({ status: 404 });
		const wrong = await call('GET', '/api/channels/x/inbound').catch((error: unknown) => error);
		expect(wrong).toBeInstanceOf(HttpError);
		expect(wrong).toMatchObject({ status: 405, headers: { Allow: 'POST' } });
	});
});

describe('KeyedQueue', () => {
	it('runs one key’s tasks in order, other keys alongside, and survives failures', async () => {
		const queue = new KeyedQueue();
		const log: string[] = [];
		let release = () => {};
		const gate = new Promise<void>((resolve) => (release = resolve));
		const first = queue.run('a', async () => {
			await gate;
			log.push('a1');
			throw new Error('a1 failed');
		});
		const second = queue.run('a', async () => void log.push('a2'));
		await queue.run('b', async () => void log.push('b1'));
		expect(log).toEqual(['b1']);
		release();
		await expect(first).rejects.toThrow('a1 failed');
		await second;
		await queue.idle();
		expect(log).toEqual(['b1', 'a1', 'a2']);
	});
});
