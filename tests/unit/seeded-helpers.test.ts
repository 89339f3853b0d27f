import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SeededNetwork } from '../helpers/seeded-network.ts';
import { SeededRandom } from '../helpers/seeded-random.ts';

describe('SeededRandom', () => {
	it('replays the same stream from the same seed, and differs across seeds', () => {
		const a = new SeededRandom(42);
		const b = new SeededRandom(42);
		const c = new SeededRandom(43);
		const draw = (r: SeededRandom) => Array.from({ length: 20 }, () => r.uint32());
		const first = draw(a);
		expect(draw(b)).toEqual(first);
		expect(draw(c)).not.toEqual(first);
	});

	it('stays in range and covers it', () => {
		const random = new SeededRandom(7);
		const seen = new Set<number>();
		for (let i = 0; i < 1_000; i++) {
			const value = random.range(3, 6);
			expect(value).toBeGreaterThanOrEqual(3);
			expect(value).toBeLessThanOrEqual(6);
			seen.add(value);
			const float = random.next();
			expect(float >= 0 && float < 1).toBe(true);
		}
		expect([...seen].sort()).toEqual([3, 4, 5, 6]);
	});

	it('weighted never picks a zero weight', () => {
		const random = new SeededRandom(1);
		for (let i = 0; i < 200; i++) expect(random.weighted([['a', 0], ['b', 1]] as const)).toBe('b');
	});
});

describe('SeededNetwork', () => {
	function star(seed: number) {
		const random = new SeededRandom(seed);
		const network = new SeededNetwork(random.fork());
		let clientId = 1;
		const server = network.addReplica('server', ['d'], () => clientId++);
		const clients = [1, 2, 3].map((i) => network.addReplica(`c${i}`, ['d'], () => clientId++));
		const links = clients.map((client) => network.link(server, client));
		return { random, network, server, clients, links };
	}
	const mapOf = (replica: { docs: Map<string, Y.Doc> }) => replica.docs.get('d')!.getMap('m');

	it('relays through the hub and converges after random delivery', () => {
		const { network, clients } = star(3);
		clients.forEach((client, i) => mapOf(client).set(`k${i}`, i));
		network.flush();
		for (const client of clients) expect(mapOf(client).toJSON()).toEqual({ k0: 0, k1: 1, k2: 2 });
	});

	it('drops what is sent while disconnected, and the reconnect handshake recovers it', () => {
		const { network, server, clients, links } = star(4);
		network.flush();
		network.disconnect(links[0]!);
		mapOf(clients[0]!).set('offline', true);
		mapOf(server).set('online', true);
		expect(network.pending()).toBeGreaterThan(0);
		while (network.deliverOne());
		expect(mapOf(server).get('offline')).toBeUndefined();
		expect(mapOf(clients[0]!).get('online')).toBeUndefined();
		network.reconnect(links[0]!);
		while (network.deliverOne());
		expect(mapOf(server).get('offline')).toBe(true);
		expect(mapOf(clients[1]!).get('offline')).toBe(true);
		expect(mapOf(clients[0]!).get('online')).toBe(true);
	});

	it('delivers in a seed-determined order', () => {
		const order = (seed: number) => {
			const { network, clients } = star(seed);
			network.flush();
			clients.forEach((client, i) => mapOf(client).set('k', i));
			const seen: unknown[] = [];
			while (network.deliverOne()) seen.push(mapOf(clients[0]!).get('k'));
			return seen;
		};
		expect(order(11)).toEqual(order(11));
	});
});
