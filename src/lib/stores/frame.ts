// Yjs observers fire once per transaction, and a first sync or a burst of remote edits brings
// hundreds of transactions a second. Views recompute at most once per animation frame.

export type Scheduler = (run: () => void) => void;

export const nextFrame: Scheduler = (run) => {
	if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => run());
	else setTimeout(run, 16);
};

/** Calls `run` once in the next frame, however often `request` is called before it. */
export class FrameBatch {
	readonly #run: () => void;
	readonly #schedule: Scheduler;
	#requested = false;
	#stopped = false;

	constructor(run: () => void, schedule: Scheduler = nextFrame) {
		this.#run = run;
		this.#schedule = schedule;
	}

	request(): void {
		if (this.#requested || this.#stopped) return;
		this.#requested = true;
		this.#schedule(() => {
			this.#requested = false;
			if (!this.#stopped) this.#run();
		});
	}

	stop(): void {
		this.#stopped = true;
	}
}
