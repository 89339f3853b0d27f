import { untrack } from 'svelte';
import { randomId } from '$shared/actions/types.ts';
import type { Attachment } from '$shared/schemas/index.ts';
import type { SwitchboardDb } from './db.ts';
import type { OutgoingRow, UploadRow } from './upload-rows.ts';
import { UploadRefused, uploadFile } from './upload-transport.ts';

// Files an agent attaches, from the composer to the message. Each file is kept in IndexedDB at
// once and uploaded as soon as the server can be reached; pressing send records the message
// (text and its files) as outgoing, and when every file of it is on the server the message is
// written with `deliver` (sendMessage through InboxService). Offline, or after a reload, the
// rows wait and the queue goes on when the connection is back. A file the server refuses stays
// with its reason until the agent removes it; nothing is ever sent without the agent's files.

export type UploadState = 'uploading' | 'waiting' | 'done' | 'refused';

export interface UploadView {
	id: string;
	contactId: string;
	name: string;
	mime: string;
	size: number;
	state: UploadState;
	/** 0..1 while uploading. */
	progress: number;
	error: string | null;
	messageId: string | null;
	/** A local picture of an image (object URL), for the composer. */
	preview: string | null;
}

export interface OutgoingView {
	messageId: string;
	contactId: string;
	text: string;
	files: UploadView[];
	at: number;
}

export interface UploadQueueDeps {
	db: SwitchboardDb;
	/** `{workspaceId}:{userId}`. */
	scope: string;
	/** POST target of uploads. */
	uploadUrl: string;
	/** Writes the message once its files are on the server (must be idempotent per messageId). */
	deliver(row: OutgoingRow, attachments: Attachment[]): Promise<void>;
	/** Whether the server is reachable now; read inside an effect, so a rune getter re-runs it. */
	online(): boolean;
}

const PARALLEL = 3;
const RETRY_MIN_MS = 5_000;
const RETRY_MAX_MS = 60_000;

export class UploadQueue {
	readonly #deps: UploadQueueDeps;
	// Bookkeeping, not state: views read #uploads and #outgoing, never these.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	readonly #blobs = new Map<string, Blob>();
	/** The server's record of each uploaded file, by upload id: what the message will name. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	readonly #files = new Map<string, Attachment>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	readonly #inFlight = new Set<string>();
	readonly #stop: () => void;
	#uploads = $state<UploadView[]>([]);
	#outgoing = $state<OutgoingRow[]>([]);
	#retryMs = RETRY_MIN_MS;
	#retryTimer: ReturnType<typeof setTimeout> | null = null;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	readonly #delivering = new Set<string>();
	#destroyed = false;

	constructor(deps: UploadQueueDeps) {
		this.#deps = deps;
		const loaded = this.#load();
		this.#stop = $effect.root(() => {
			$effect(() => {
				if (deps.online()) untrack(() => void loaded.then(() => this.#pump()));
			});
		});
	}

	/** Files in the composer of a contact (not sent yet). */
	staged(contactId: string): UploadView[] {
		return this.#uploads.filter((u) => u.contactId === contactId && u.messageId === null);
	}

	/** Messages of a contact waiting for their files. */
	outgoing(contactId: string): OutgoingView[] {
		return this.#outgoing
			.filter((o) => o.contactId === contactId)
			.map((o) => ({ ...o, files: this.#uploads.filter((u) => o.uploadIds.includes(u.id)) }));
	}

	/** Keeps the files and starts uploading them; answers the names of files refused at once. */
	async attach(contactId: string, files: File[], limitBytes: number): Promise<string[]> {
		const refused: string[] = [];
		for (const file of files) {
			if (file.size > limitBytes) {
				refused.push(`“${file.name}” is larger than ${Math.round(limitBytes / 1024 / 1024)} MB.`);
				continue;
			}
			if (file.size === 0) {
				refused.push(`“${file.name}” is empty.`);
				continue;
			}
			const row: UploadRow = {
				id: randomId(),
				scope: this.#deps.scope,
				contactId,
				name: file.name,
				mime: file.type,
				size: file.size,
				blob: file,
				file: null,
				error: null,
				messageId: null,
				at: Date.now()
			};
			await this.#deps.db.uploads.put(row);
			this.#add(row);
		}
		this.#pump();
		return refused;
	}

	async remove(id: string): Promise<void> {
		const view = this.#uploads.find((u) => u.id === id);
		if (!view) return;
		if (view.preview) URL.revokeObjectURL(view.preview);
		this.#uploads = this.#uploads.filter((u) => u.id !== id);
		this.#blobs.delete(id);
		await this.#deps.db.uploads.delete(id);
		// A sent message that loses its last refused file may now go out with what it has left.
		for (const row of this.#outgoing.filter((o) => o.uploadIds.includes(id))) {
			const next = { ...row, uploadIds: row.uploadIds.filter((u) => u !== id) };
			if (next.uploadIds.length === 0 && !next.text) await this.#forget(next);
			else await this.#putOutgoing(next);
		}
		void this.#deliverReady();
	}

	/** Sends the composer's files (and text) as one message, now or when they are uploaded. */
	async send(contactId: string, text: string): Promise<void> {
		const files = this.staged(contactId).filter((u) => u.state !== 'refused');
		const row: OutgoingRow = { messageId: randomId(), scope: this.#deps.scope, contactId, text, uploadIds: files.map((f) => f.id), at: Date.now() };
		await this.#deps.db.transaction('rw', this.#deps.db.uploads, this.#deps.db.outgoing, async () => {
			await this.#deps.db.outgoing.put(row);
			for (const file of files) await this.#deps.db.uploads.update(file.id, { messageId: row.messageId });
		});
		this.#uploads = this.#uploads.map((u) => (row.uploadIds.includes(u.id) ? { ...u, messageId: row.messageId } : u));
		this.#outgoing = [...this.#outgoing, row];
		await this.#deliverReady();
		this.#pump();
	}

	destroy(): void {
		this.#destroyed = true;
		this.#stop();
		if (this.#retryTimer) clearTimeout(this.#retryTimer);
		for (const view of this.#uploads) if (view.preview) URL.revokeObjectURL(view.preview);
	}

	async #load(): Promise<void> {
		const { db, scope } = this.#deps;
		const [uploads, outgoing] = await Promise.all([db.uploads.where('scope').equals(scope).toArray(), db.outgoing.where('scope').equals(scope).toArray()]);
		for (const row of uploads.sort((a, b) => a.at - b.at)) this.#add(row);
		this.#outgoing = outgoing.sort((a, b) => a.at - b.at);
		// A file uploaded before a reload whose message was written: its rows may linger.
		await this.#deliverReady();
	}

	#add(row: UploadRow) {
		this.#blobs.set(row.id, row.blob);
		if (row.file) this.#files.set(row.id, row.file);
		const preview = row.mime.startsWith('image/') && !row.mime.includes('svg') ? URL.createObjectURL(row.blob) : null;
		const state: UploadState = row.file ? 'done' : row.error ? 'refused' : 'waiting';
		const { id, contactId, name, mime, size, error, messageId } = row;
		this.#uploads = [...this.#uploads, { id, contactId, name, mime, size, state, progress: 0, error, messageId, preview }];
	}

	#patch(id: string, change: Partial<UploadView>) {
		this.#uploads = this.#uploads.map((u) => (u.id === id ? { ...u, ...change } : u));
	}

	#pump(): void {
		if (this.#destroyed || !this.#deps.online()) return;
		const waiting = this.#uploads.filter((u) => u.state === 'waiting' && !this.#inFlight.has(u.id));
		for (const view of waiting.slice(0, Math.max(0, PARALLEL - this.#inFlight.size))) void this.#upload(view.id);
	}

	async #upload(id: string): Promise<void> {
		const blob = this.#blobs.get(id);
		const view = this.#uploads.find((u) => u.id === id);
		if (!blob || !view) return;
		this.#inFlight.add(id);
		this.#patch(id, { state: 'uploading', progress: 0 });
		try {
			const file = await uploadFile({ url: this.#deps.uploadUrl, blob, name: view.name, onprogress: (progress) => this.#patch(id, { progress }) });
			await this.#deps.db.uploads.update(id, { file });
			this.#patch(id, { state: 'done', progress: 1 });
			this.#files.set(id, file);
			this.#retryMs = RETRY_MIN_MS;
			await this.#deliverReady();
		} catch (error) {
			if (error instanceof UploadRefused) {
				await this.#deps.db.uploads.update(id, { error: error.message });
				this.#patch(id, { state: 'refused', error: error.message });
			} else {
				this.#patch(id, { state: 'waiting', progress: 0 });
				this.#retryLater();
			}
		} finally {
			this.#inFlight.delete(id);
			this.#pump();
		}
	}

	async #deliverReady(): Promise<void> {
		for (const row of this.#outgoing) {
			if (this.#delivering.has(row.messageId)) continue;
			const files: Attachment[] = [];
			for (const id of row.uploadIds) {
				const file = this.#files.get(id);
				if (!file) break;
				files.push(file);
			}
			if (files.length !== row.uploadIds.length) continue;
			this.#delivering.add(row.messageId);
			try {
				await this.#deps.deliver(row, files);
				await this.#forget(row);
			} catch (error) {
				console.error('switchboard: could not write a message with files; will try again', error);
				this.#retryLater();
			} finally {
				this.#delivering.delete(row.messageId);
			}
		}
	}

	async #forget(row: OutgoingRow): Promise<void> {
		await this.#deps.db.transaction('rw', this.#deps.db.uploads, this.#deps.db.outgoing, async () => {
			await this.#deps.db.outgoing.delete(row.messageId);
			await this.#deps.db.uploads.bulkDelete(row.uploadIds);
		});
		for (const id of row.uploadIds) {
			const view = this.#uploads.find((u) => u.id === id);
			if (view?.preview) URL.revokeObjectURL(view.preview);
			this.#blobs.delete(id);
			this.#files.delete(id);
		}
		this.#uploads = this.#uploads.filter((u) => !row.uploadIds.includes(u.id));
		this.#outgoing = this.#outgoing.filter((o) => o.messageId !== row.messageId);
	}

	async #putOutgoing(row: OutgoingRow): Promise<void> {
		await this.#deps.db.outgoing.put(row);
		this.#outgoing = this.#outgoing.map((o) => (o.messageId === row.messageId ? row : o));
	}

	/** The server was not there although the socket is: try again after a growing pause. */
	#retryLater(): void {
		if (this.#retryTimer || this.#destroyed) return;
		this.#retryTimer = setTimeout(() => {
			this.#retryTimer = null;
			this.#pump();
			void this.#deliverReady();
		}, this.#retryMs);
		this.#retryMs = Math.min(RETRY_MAX_MS, this.#retryMs * 2);
	}
}
