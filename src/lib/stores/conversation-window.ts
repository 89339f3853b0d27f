// Which slice of a conversation's history is on screen: [start, end) over the time-ordered
// records. It opens on the latest PAGE, grows by PAGE as the agent scrolls up (or down again),
// and never holds more than MAX, dropping records at the far end, so a 10,000-message history
// keeps a few hundred rows in the page. While it ends at the latest record it follows new ones.

export const PAGE = 50;
export const MAX_WINDOW = 250;

export class HistoryWindow {
	start = 0;
	end = 0;
	/** The window ends at the latest record and moves with new ones. */
	following = true;
	readonly #page: number;
	readonly #max: number;

	constructor(page = PAGE, max = MAX_WINDOW) {
		this.#page = page;
		this.#max = Math.max(page, max);
	}

	/** The history now has `total` records (some added or removed anywhere). */
	fit(total: number): void {
		if (this.following) {
			const wasEmpty = this.start === this.end;
			this.end = total;
			this.start = wasEmpty
				? Math.max(0, total - this.#page)
				: Math.max(0, Math.min(this.start, total), total - this.#max);
		} else {
			this.end = Math.min(this.end, total);
			this.start = Math.min(this.start, this.end);
			this.following = this.end === total;
		}
	}

	/** `count` older records in; false when the window already starts at the first record. */
	older(total: number, count = this.#page): boolean {
		if (this.start === 0) return false;
		this.start = Math.max(0, this.start - count);
		this.end = Math.min(this.end, this.start + this.#max);
		this.following = this.end === total;
		return true;
	}

	/** `count` newer records in; false when the window already ends at the latest. */
	newer(total: number, count = this.#page): boolean {
		if (this.end >= total) return false;
		this.end = Math.min(total, this.end + count);
		this.start = Math.max(this.start, this.end - this.#max);
		this.following = this.end === total;
		return true;
	}

	/** Back to the latest page. */
	latest(total: number): void {
		this.end = total;
		this.start = Math.max(0, total - this.#page);
		this.following = true;
	}
}
