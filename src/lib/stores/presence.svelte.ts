import type { HocuspocusProvider } from '@hocuspocus/provider';
import { z } from 'zod';
import { idSchema } from '$shared/schemas/index.ts';
import { FrameBatch, type Scheduler } from './frame.ts';

// Who else has this conversation open, and who is typing in it, from the Yjs awareness of the
// contact document's provider (the server relays it; nothing is stored). Each tab announces
// { user, viewing, typing }; remote states are parsed like any other input, so a foreign or
// malformed state is ignored. An agent with two tabs open counts once.

export type PresenceAwareness = NonNullable<HocuspocusProvider['awareness']>;

const presenceUserSchema = z.object({
	id: idSchema,
	name: z.string().min(1).max(100),
	color: z.string().regex(/^#[0-9a-f]{6}$/i)
});
export type PresenceUser = z.infer<typeof presenceUserSchema>;

const presenceStateSchema = z.object({
	user: presenceUserSchema,
	viewing: z.boolean(),
	typing: z.boolean()
});

/** Typing stops being announced this long after the last keystroke. */
export const TYPING_IDLE_MS = 4_000;

export interface PresenceOptions {
	schedule?: Scheduler;
	typingIdleMs?: number;
}

export class PresenceStore {
	readonly #awareness: PresenceAwareness;
	readonly #me: PresenceUser;
	readonly #batch: FrameBatch;
	readonly #typingIdleMs: number;
	#typingTimer: ReturnType<typeof setTimeout> | null = null;
	#typing = false;
	#viewers = $state.raw<PresenceUser[]>([]);
	#typers = $state.raw<PresenceUser[]>([]);
	readonly #onChange = () => this.#batch.request();

	constructor(awareness: PresenceAwareness, me: PresenceUser, options: PresenceOptions = {}) {
		this.#awareness = awareness;
		this.#me = me;
		this.#typingIdleMs = options.typingIdleMs ?? TYPING_IDLE_MS;
		this.#batch = new FrameBatch(() => this.#refresh(), options.schedule);
		awareness.setLocalState({ user: me, viewing: true, typing: false });
		awareness.on('change', this.#onChange);
		this.#refresh();
	}

	/** Other agents with this conversation open, by name. */
	get viewers(): readonly PresenceUser[] {
		return this.#viewers;
	}

	/** Other agents composing a reply right now. */
	get typing(): readonly PresenceUser[] {
		return this.#typers;
	}

	/** The composer changed: announce typing, and stop announcing after a pause. */
	typed(): void {
		if (this.#typingTimer) clearTimeout(this.#typingTimer);
		this.#typingTimer = setTimeout(() => this.stopTyping(), this.#typingIdleMs);
		this.#setTyping(true);
	}

	/** Sent, cleared or left: no longer typing. */
	stopTyping(): void {
		if (this.#typingTimer) clearTimeout(this.#typingTimer);
		this.#typingTimer = null;
		this.#setTyping(false);
	}

	#setTyping(typing: boolean): void {
		if (this.#typing === typing) return;
		this.#typing = typing;
		// Only changes are sent, so a burst of keystrokes costs one awareness message.
		this.#awareness.setLocalStateField('typing', typing);
	}

	#refresh(): void {
		// Scratch maps to de-duplicate tabs; only the arrays built from them are state.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const viewers = new Map<string, PresenceUser>();
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const typers = new Map<string, PresenceUser>();
		for (const [clientId, raw] of this.#awareness.getStates()) {
			if (clientId === this.#awareness.clientID) continue;
			const state = presenceStateSchema.safeParse(raw);
			if (!state.success || state.data.user.id === this.#me.id || !state.data.viewing) continue;
			viewers.set(state.data.user.id, state.data.user);
			if (state.data.typing) typers.set(state.data.user.id, state.data.user);
		}
		const byName = (a: PresenceUser, b: PresenceUser) => a.name.localeCompare(b.name);
		this.#viewers = [...viewers.values()].sort(byName);
		this.#typers = [...typers.values()].sort(byName);
	}

	/** Leaves the conversation: other agents stop seeing this tab at once. */
	destroy(): void {
		if (this.#typingTimer) clearTimeout(this.#typingTimer);
		this.#batch.stop();
		this.#awareness.off('change', this.#onChange);
		this.#awareness.setLocalState(null);
	}
}

/** "Ben is typing…", "Ben and Cara are typing…", "3 agents are typing…". */
export function typingText(typers: readonly PresenceUser[]): string | null {
	const first = (user: PresenceUser) => user.name.split(/\s+/)[0] ?? user.name;
	if (typers.length === 0) return null;
	if (typers.length === 1) return `${first(typers[0]!)} is typing…`;
	if (typers.length === 2) return `${first(typers[0]!)} and ${first(typers[1]!)} are typing…`;
	return `${typers.length} agents are typing…`;
}
