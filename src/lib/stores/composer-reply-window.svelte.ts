import type * as Y from 'yjs';
import { contactMaps, readChannels, workspaceMaps } from '$shared/doc/index.ts';
import { contactReplyWindow } from '$shared/query/index.ts';
import type { Channel, ChannelType } from '$shared/schemas/index.ts';

// What the composer needs to warn before a reply goes out that the server will refuse: the
// workspace's channels (their reply windows) and the time of the contact's latest incoming
// message. The server decides with the same shared function (contactReplyWindow), so the
// warning and the refusal agree. The latest incoming time is kept up to date per changed
// message, not by rescanning a long history on every new message.

const HOUR_MS = 3_600_000;

type WindowChannel = Pick<Channel, 'type' | 'replyWindowHours'>;

export class ReplyWindowWatch {
	#channels = $state.raw<readonly WindowChannel[]>([]);
	#lastIncoming = $state<number | null>(null);
	readonly #off: (() => void)[] = [];
	#destroyed = false;

	/** `contactDoc` may still be opening (the pool hands it out asynchronously). */
	constructor(workspaceDoc: Y.Doc, contactDoc: Y.Doc | Promise<Y.Doc>) {
		const channels = workspaceMaps(workspaceDoc).channels;
		const readAll = () => (this.#channels = readChannels(workspaceDoc));
		readAll();
		channels.observe(readAll);
		this.#off.push(() => channels.unobserve(readAll));
		void Promise.resolve(contactDoc).then((doc) => {
			if (!this.#destroyed) this.#watchMessages(doc);
		});
	}

	/** The contact's latest incoming message time (ms), or null when there is none (yet). */
	get lastIncoming(): number | null {
		return this.#lastIncoming;
	}

	/**
	 * The warning to show above the composer when a reply sent `now` falls outside the reply
	 * window of the contact's channel, or null when it may go out.
	 */
	warning(contactType: ChannelType, now: number): string | null {
		const state = contactReplyWindow(this.#channels, contactType, this.#lastIncoming, now);
		if (state.kind !== 'closed') return null;
		const last = this.#lastIncoming;
		const since =
			last === null ? 'the contact has not written on this channel yet' : `the last message from the contact was ${agoText(now - last)}`;
		return `${state.message} — ${since}. This reply will not be delivered.`;
	}

	destroy(): void {
		this.#destroyed = true;
		for (const off of this.#off) off();
	}

	#watchMessages(doc: Y.Doc): void {
		const messages = contactMaps(doc).messages;
		const scan = () => {
			let latest: number | null = null;
			for (const value of messages.values()) latest = later(latest, incomingAt(value));
			this.#lastIncoming = latest;
		};
		const onChange = (event: Y.YMapEvent<unknown>) => {
			let latest = this.#lastIncoming;
			for (const [key, change] of event.changes.keys) {
				// A removed or rewritten message may have been the latest: count them all again.
				if (change.action !== 'add') return scan();
				latest = later(latest, incomingAt(messages.get(key)));
			}
			this.#lastIncoming = latest;
		};
		scan();
		messages.observe(onChange);
		this.#off.push(() => messages.unobserve(onChange));
	}
}

function incomingAt(value: unknown): number | null {
	const record = value as { direction?: unknown; at?: unknown } | null | undefined;
	return record?.direction === 'in' && typeof record.at === 'number' ? record.at : null;
}

function later(a: number | null, b: number | null): number | null {
	if (a === null) return b;
	if (b === null) return a;
	return Math.max(a, b);
}

/** "25 hours ago", "3 days ago": hours up to two days, whole days beyond. */
export function agoText(ms: number): string {
	const hours = Math.max(0, Math.floor(ms / HOUR_MS));
	if (hours < 48) return hours === 1 ? '1 hour ago' : `${hours} hours ago`;
	return `${Math.floor(hours / 24)} days ago`;
}
