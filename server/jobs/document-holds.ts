// Keeps documents loaded across a burst of server-side writes. A direct connection unloads
// its document on disconnect when nobody else has it open, so waking 1,000 contacts of one
// index shard one by one would load, apply, re-encode and drop the same ~0.5 MB shard 1,000
// times (seen after a large workspace's server had been down: memory climbed to 4 GB). A
// hold opens one extra direct connection per document and lets it go a while after its last
// user, so a burst pays for one load.
import type { Hocuspocus } from '@hocuspocus/server';

type DirectConnection = Awaited<ReturnType<Hocuspocus['openDirectConnection']>>;

interface Hold {
	connection: Promise<DirectConnection>;
	users: number;
	timer: ReturnType<typeof setTimeout> | null;
}

export class DocumentHolds {
	readonly #holds = new Map<string, Hold>();
	readonly #lingerMs: number;

	constructor(lingerMs = 5_000) {
		this.#lingerMs = lingerMs;
	}

	/** Keeps `name` loaded until the returned release is called (and the linger has passed). */
	async hold(instance: Hocuspocus, name: string, context: Record<string, unknown>): Promise<() => void> {
		let hold = this.#holds.get(name);
		if (!hold) {
			hold = { connection: instance.openDirectConnection(name, context), users: 0, timer: null };
			this.#holds.set(name, hold);
		}
		const current = hold;
		current.users++;
		if (current.timer !== null) clearTimeout(current.timer);
		current.timer = null;
		try {
			await current.connection;
		} catch (error) {
			current.users--;
			if (this.#holds.get(name) === current) this.#holds.delete(name);
			throw error;
		}
		let released = false;
		return () => {
			if (released) return;
			released = true;
			current.users--;
			if (current.users > 0) return;
			current.timer = setTimeout(() => void this.#drop(name, current), this.#lingerMs);
			current.timer.unref();
		};
	}

	/** Lets every document go now (on shutdown, after the writes in flight have finished). */
	async releaseAll(): Promise<void> {
		await Promise.allSettled([...this.#holds.entries()].map(([name, hold]) => this.#drop(name, hold)));
	}

	async #drop(name: string, hold: Hold): Promise<void> {
		if (hold.timer !== null) clearTimeout(hold.timer);
		hold.timer = null;
		if (this.#holds.get(name) === hold) this.#holds.delete(name);
		const connection = await hold.connection.catch(() => null);
		await connection?.disconnect();
	}
}
