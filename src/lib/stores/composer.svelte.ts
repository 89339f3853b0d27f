// The composer's text for one contact, kept as a draft in the agent's own document (saveDraft),
// so it survives a reload and follows the agent to another tab. Saving waits for a pause in
// typing: one small write per pause, not one per keystroke.

export const DRAFT_DEBOUNCE_MS = 600;

export class ComposerStore {
	readonly #save: (text: string) => void;
	readonly #debounceMs: number;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#saved: string;
	#text = $state('');

	/** `initial` is the stored draft; `save` writes a draft (empty deletes it). */
	constructor(initial: string, save: (text: string) => void, debounceMs = DRAFT_DEBOUNCE_MS) {
		this.#text = initial;
		this.#saved = initial;
		this.#save = save;
		this.#debounceMs = debounceMs;
	}

	get text(): string {
		return this.#text;
	}

	set text(value: string) {
		this.#text = value;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = setTimeout(() => this.flush(), this.#debounceMs);
	}

	/** True when there is something to send. */
	get sendable(): boolean {
		return this.#text.trim().length > 0;
	}

	/** Saves the draft now if it changed (leaving the conversation, closing the tab). */
	flush(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		if (this.#text === this.#saved) return;
		this.#saved = this.#text;
		this.#save(this.#text);
	}

	/** After sending: empty box, and the draft deleted at once. */
	clear(): void {
		this.#text = '';
		this.flush();
	}

	destroy(): void {
		this.flush();
	}
}
