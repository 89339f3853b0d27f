import type * as Y from 'yjs';
import { FrameBatch } from '$lib/stores/frame.ts';
import { readChannels, workspaceMaps } from '$shared/doc/index.ts';
import type { Channel, ChannelCreate, ChannelUpdate, ChannelView } from '$shared/schemas/index.ts';
import { ChannelApiError, ChannelsApi } from './channels-api.ts';

// State of the channels settings page. Owners work through the server API (secrets and
// outbound URLs never reach a document); the public records also arrive live in the workspace
// document, so a rename by another owner, or the list an agent may only look at, stays current.

/** A secret the server just made: shown once, until the owner dismisses it. */
export type RevealedSecret = { channelId: string; channelName: string; secret: string; rotated: boolean };

export class ChannelsPage {
	readonly #api: ChannelsApi;
	readonly #doc: Y.Doc;
	readonly #canManage: () => boolean;
	readonly #batch: FrameBatch;
	readonly #onChannels = () => this.#batch.request();
	#views = $state.raw<ChannelView[]>([]);
	#records = $state.raw<Channel[]>([]);
	#loading = $state(true);
	#error = $state<string | null>(null);
	#revealed = $state.raw<RevealedSecret | null>(null);

	/** `canManage` is read live (the role comes from the workspace document and may change). */
	constructor(workspaceId: string, workspaceDoc: Y.Doc, canManage: () => boolean) {
		this.#api = new ChannelsApi(workspaceId);
		this.#doc = workspaceDoc;
		this.#canManage = canManage;
		this.#batch = new FrameBatch(() => this.#documentChanged());
		workspaceMaps(workspaceDoc).channels.observe(this.#onChannels);
		this.#records = readChannels(workspaceDoc);
		void this.reload();
	}

	/** Owners: the API's views. Agents: the document's records (no URLs, nothing to change). */
	get channels(): readonly ChannelView[] {
		if (this.#canManage()) return this.#views;
		return this.#records.map((record) => ({
			...record,
			outboundUrl: null,
			inboundPath: `/api/channels/${record.id}/inbound`,
			statusPath: `/api/channels/${record.id}/status`,
			configured: true,
			createdAt: null
		}));
	}

	get canManage(): boolean {
		return this.#canManage();
	}

	get loading(): boolean {
		return this.#loading;
	}

	/** Why the list could not be loaded (offline, server error); null when it was. */
	get error(): string | null {
		return this.#error;
	}

	get revealed(): RevealedSecret | null {
		return this.#revealed;
	}

	async reload(): Promise<void> {
		if (!this.#canManage()) {
			this.#loading = false;
			return;
		}
		try {
			this.#views = await this.#api.list();
			this.#error = null;
		} catch (error) {
			this.#error = error instanceof Error ? error.message : 'Could not load the channels.';
		} finally {
			this.#loading = false;
		}
	}

	/** Throws `ChannelApiError` (with the field) for the form to show. */
	async create(input: ChannelCreate): Promise<void> {
		const { channel, secret } = await this.#api.create(input);
		this.#views = [...this.#views, channel];
		this.#revealed = { channelId: channel.id, channelName: channel.name, secret, rotated: false };
	}

	async update(id: string, changes: ChannelUpdate): Promise<void> {
		const channel = await this.#api.update(id, changes);
		this.#views = this.#views.map((view) => (view.id === id ? channel : view));
	}

	async remove(id: string): Promise<void> {
		await this.#api.remove(id);
		this.#views = this.#views.filter((view) => view.id !== id);
		if (this.#revealed?.channelId === id) this.#revealed = null;
	}

	async rotateSecret(id: string): Promise<void> {
		const { channel, secret } = await this.#api.rotateSecret(id);
		this.#views = this.#views.map((view) => (view.id === id ? channel : view));
		this.#revealed = { channelId: channel.id, channelName: channel.name, secret, rotated: true };
	}

	dismissSecret(): void {
		this.#revealed = null;
	}

	destroy(): void {
		this.#batch.stop();
		workspaceMaps(this.#doc).channels.unobserve(this.#onChannels);
	}

	#documentChanged(): void {
		this.#records = readChannels(this.#doc);
		// Another owner's change: the names and windows are in the document; URLs need the API.
		void this.reload();
	}
}

export { ChannelApiError };
