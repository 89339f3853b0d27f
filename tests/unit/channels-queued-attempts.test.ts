import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { attemptSettled, parseDeliveryKey, queuedAttempts } from '../../server/channels/delivery/queued-attempts.ts';
import { deliveryIdOf } from '../../server/channels/delivery/delivery-id.ts';

function deliveryMap(keys: string[]): Y.Map<unknown> {
	const doc = new Y.Doc();
	const map = doc.getMap('delivery');
	for (const key of keys) map.set(key, { state: key.split('|')[2], at: 1, error: null });
	return map;
}

describe('queued attempts', () => {
	it('finds the latest attempts that have nothing but queued', () => {
		const map = deliveryMap([
			'm1|1|queued',
			'm2|1|queued',
			'm2|1|sent',
			'm3|1|queued',
			'm3|1|failed',
			'm3|2|queued',
			'm4|1|queued',
			'm4|2|queued',
			'm4|2|delivered',
			'garbage',
			'm5|x|queued'
		]);
		expect(queuedAttempts(map)).toEqual([
			{ messageId: 'm1', attempt: 1 },
			{ messageId: 'm3', attempt: 2 }
		]);
		expect(attemptSettled(map, { messageId: 'm3', attempt: 1 })).toBe(true);
		expect(attemptSettled(map, { messageId: 'm3', attempt: 2 })).toBe(false);
		expect(attemptSettled(map, { messageId: 'm4', attempt: 1 })).toBe(true);
	});

	it('parses only well-formed keys', () => {
		expect(parseDeliveryKey('abc|3|read')).toEqual({ messageId: 'abc', attempt: 3, state: 'read' });
		expect(parseDeliveryKey('abc|0|read')).toBeNull();
		expect(parseDeliveryKey('abc|1|lost')).toBeNull();
		expect(parseDeliveryKey('|1|queued')).toBeNull();
	});

	it('derives one stable delivery id per message and attempt', () => {
		const id = deliveryIdOf('w', 'c', 'm', 1);
		expect(id).toMatch(/^dlv_[A-Za-z0-9_-]{32}$/);
		expect(deliveryIdOf('w', 'c', 'm', 1)).toBe(id);
		expect(deliveryIdOf('w', 'c', 'm', 2)).not.toBe(id);
		expect(deliveryIdOf('w', 'c2', 'm', 1)).not.toBe(id);
	});
});
