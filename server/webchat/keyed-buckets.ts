// Token buckets per key (a client address, a visitor), for the web chat's HTTP endpoints. The
// map is bounded: past `maxKeys` the least recently used keys are forgotten (they start full
// again, which errs on the side of letting people in).
import { TokenBucket } from '../sync/rate-limit.ts';

export class KeyedBuckets {
	readonly #perSecond: number;
	readonly #burst: number;
	readonly #maxKeys: number;
	readonly #buckets = new Map<string, TokenBucket>();

	constructor(perSecond: number, burst: number, maxKeys = 10_000) {
		this.#perSecond = perSecond;
		this.#burst = burst;
		this.#maxKeys = maxKeys;
	}

	take(key: string, now = Date.now()): boolean {
		let bucket = this.#buckets.get(key);
		if (bucket) this.#buckets.delete(key);
		else bucket = new TokenBucket(this.#perSecond, this.#burst, now);
		this.#buckets.set(key, bucket);
		while (this.#buckets.size > this.#maxKeys) {
			const oldest = this.#buckets.keys().next().value;
			if (oldest === undefined) break;
			this.#buckets.delete(oldest);
		}
		return bucket.take(now);
	}
}
