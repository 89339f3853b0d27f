// Slows down password guessing: a fixed number of failed log-ins per IP and email within a
// window. Kept in memory: a restart resets it, which is acceptable for this purpose.
export type LoginLimiterOptions = { maxFailures: number; windowMs: number };

type Entry = { failures: number; resetAt: number };

const SWEEP_ABOVE = 10_000;

export class LoginLimiter {
	readonly #options: LoginLimiterOptions;
	readonly #entries = new Map<string, Entry>();

	constructor(options: LoginLimiterOptions = { maxFailures: 10, windowMs: 15 * 60 * 1000 }) {
		this.#options = options;
	}

	/** Seconds until `key` may try again, or 0 when it may try now. */
	retryAfter(key: string, now = Date.now()): number {
		const entry = this.#entries.get(key);
		if (!entry || entry.resetAt <= now) return 0;
		return entry.failures >= this.#options.maxFailures ? Math.ceil((entry.resetAt - now) / 1000) : 0;
	}

	failed(key: string, now = Date.now()) {
		if (this.#entries.size > SWEEP_ABOVE) this.#sweep(now);
		const entry = this.#entries.get(key);
		if (!entry || entry.resetAt <= now) this.#entries.set(key, { failures: 1, resetAt: now + this.#options.windowMs });
		else entry.failures++;
	}

	succeeded(key: string) {
		this.#entries.delete(key);
	}

	#sweep(now: number) {
		for (const [key, entry] of this.#entries) if (entry.resetAt <= now) this.#entries.delete(key);
	}
}
