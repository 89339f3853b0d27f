// A token bucket: `burst` messages at once, refilled at `perSecond`. Generous on purpose:
// an offline client catching up opens hundreds of documents in a second, about three
// messages each; the limit is there to stop floods, not busy clients.
export class TokenBucket {
	readonly #perSecond: number;
	readonly #burst: number;
	#tokens: number;
	#updatedAt: number;

	constructor(perSecond: number, burst: number, now = Date.now()) {
		this.#perSecond = perSecond;
		this.#burst = burst;
		this.#tokens = burst;
		this.#updatedAt = now;
	}

	/** Takes one token; false when the bucket is empty. */
	take(now = Date.now()): boolean {
		const elapsed = Math.max(0, now - this.#updatedAt) / 1000;
		this.#tokens = Math.min(this.#burst, this.#tokens + elapsed * this.#perSecond);
		this.#updatedAt = now;
		if (this.#tokens < 1) return false;
		this.#tokens -= 1;
		return true;
	}
}
