// Managing a workspace's channels (owner role). A channel has two halves: the public record in
// the workspace document (id, type, name, reply window; every agent sees it live) written with
// the shared catalogue actions, and the server-only row (secret, outbound URL) in the database.
import type { Hocuspocus } from '@hocuspocus/server';
import type * as Y from 'yjs';
import { deleteChannel, upsertChannel } from '../../shared/actions/index.ts';
import { readChannels, workspaceDocName } from '../../shared/doc/index.ts';
import { userActor } from '../../shared/schemas/actor.ts';
import {
	channelUsesOutboundUrl,
	replyWindowFor,
	type ChannelCreateBody,
	type ChannelUpdate,
	type ChannelView,
	type ChannelWithSecret
} from '../../shared/schemas/channel-api.ts';
import type { ChannelType } from '../../shared/schemas/contact.ts';
import type { Channel } from '../../shared/schemas/workspace.ts';
import { HttpError } from '../http/json.ts';
import { newId } from '../storage/ids.ts';
import type { Storage, StoredChannel } from '../storage/types.ts';
import { withDirectConnection } from '../sync/direct-connection.ts';
import { newChannelSecret } from './signature.ts';

function windowOrThrow(type: ChannelType, requested: number | null | undefined): number | null {
	const result = replyWindowFor(type, requested);
	if ('error' in result) throw new HttpError(400, 'invalid_request', result.error, { field: 'replyWindowHours' });
	return result.hours;
}

function viewOf(record: Channel | undefined, row: StoredChannel | undefined): ChannelView {
	const id = record?.id ?? row?.id ?? '';
	const type = record?.type ?? row?.type ?? 'webchat';
	return {
		id,
		type,
		name: record?.name ?? `${type} channel`,
		replyWindowHours: record ? record.replyWindowHours : (replyWindowFor(type, undefined) as { hours: number | null }).hours,
		outboundUrl: row?.outboundUrl ?? null,
		inboundPath: `/api/channels/${id}/inbound`,
		statusPath: `/api/channels/${id}/status`,
		configured: row !== undefined,
		createdAt: row?.createdAt ?? null
	};
}

export class ChannelAdmin {
	readonly #hocuspocus: Hocuspocus;
	readonly #storage: Storage;

	constructor(hocuspocus: Hocuspocus, storage: Storage) {
		this.#hocuspocus = hocuspocus;
		this.#storage = storage;
	}

	async list(workspaceId: string): Promise<ChannelView[]> {
		const [records, rows] = await Promise.all([this.#records(workspaceId), this.#storage.listChannels(workspaceId)]);
		const byId = new Map(rows.map((row) => [row.id, row]));
		const views = records.map((record) => viewOf(record, byId.get(record.id)));
		// A row whose public record was deleted from the document meanwhile still has a secret:
		// list it, so the owner can see and remove it.
		for (const row of rows) if (!records.some((record) => record.id === row.id)) views.push(viewOf(undefined, row));
		return views;
	}

	async create(workspaceId: string, userId: string, input: ChannelCreateBody): Promise<ChannelWithSecret> {
		const replyWindowHours = windowOrThrow(input.type, input.replyWindowHours);
		if (input.outboundUrl !== null && !channelUsesOutboundUrl(input.type)) {
			throw new HttpError(400, 'invalid_request', 'Web chat answers visitors directly; it has no outbound URL.', { field: 'outboundUrl' });
		}
		const secret = newChannelSecret();
		const row = await this.#storage.createChannel({ id: newId(), workspaceId, type: input.type, secret, outboundUrl: input.outboundUrl });
		const record: Channel = { id: row.id, type: input.type, name: input.name, replyWindowHours };
		try {
			await this.#writeDoc(workspaceId, (docs) => upsertChannel(docs, record, userActor(userId)));
		} catch (error) {
			await this.#storage.deleteChannel(row.id);
			throw error;
		}
		return { channel: viewOf(record, row), secret };
	}

	async update(workspaceId: string, channelId: string, userId: string, input: ChannelUpdate): Promise<ChannelView> {
		const { record, row } = await this.#find(workspaceId, channelId);
		const type = record?.type ?? row?.type ?? 'webchat';
		if (input.outboundUrl !== undefined && input.outboundUrl !== null && !channelUsesOutboundUrl(type)) {
			throw new HttpError(400, 'invalid_request', 'Web chat answers visitors directly; it has no outbound URL.', { field: 'outboundUrl' });
		}
		if (input.outboundUrl !== undefined && !row) {
			throw new HttpError(409, 'not_configured', 'Make a secret for this channel first.', { field: 'outboundUrl' });
		}
		const next: Channel = {
			id: channelId,
			type,
			name: input.name ?? record?.name ?? `${type} channel`,
			replyWindowHours:
				input.replyWindowHours !== undefined
					? windowOrThrow(type, input.replyWindowHours)
					: (record?.replyWindowHours ?? windowOrThrow(type, undefined))
		};
		const changed = !record || next.name !== record.name || next.replyWindowHours !== record.replyWindowHours;
		if (changed) await this.#writeDoc(workspaceId, (docs) => upsertChannel(docs, next, userActor(userId)));
		const updated = input.outboundUrl !== undefined ? await this.#storage.updateChannel(channelId, { outboundUrl: input.outboundUrl }) : row;
		return viewOf(next, updated ?? undefined);
	}

	async remove(workspaceId: string, channelId: string, userId: string): Promise<void> {
		const { record, row } = await this.#find(workspaceId, channelId);
		if (record) await this.#writeDoc(workspaceId, (docs) => deleteChannel(docs, { id: channelId }, userActor(userId)));
		if (row) await this.#storage.deleteChannel(channelId);
	}

	/** A new secret (the old one stops working at once); makes the row for a document-only channel. */
	async rotateSecret(workspaceId: string, channelId: string): Promise<ChannelWithSecret> {
		const { record, row } = await this.#find(workspaceId, channelId);
		const secret = newChannelSecret();
		const updated = row
			? await this.#storage.updateChannel(channelId, { secret })
			: await this.#storage.createChannel({ id: channelId, workspaceId, type: record?.type ?? 'webchat', secret, outboundUrl: null });
		return { channel: viewOf(record, updated ?? undefined), secret };
	}

	async #find(workspaceId: string, channelId: string): Promise<{ record: Channel | undefined; row: StoredChannel | undefined }> {
		const [records, stored] = await Promise.all([this.#records(workspaceId), this.#storage.getChannel(channelId)]);
		const record = records.find((r) => r.id === channelId);
		const row = stored?.workspaceId === workspaceId ? stored : undefined;
		if (!record && !row) throw new HttpError(404, 'unknown_channel', 'No such channel in this workspace.');
		return { record, row };
	}

	#records(workspaceId: string): Promise<Channel[]> {
		return withDirectConnection(this.#hocuspocus, workspaceDocName(workspaceId), readChannels, 'api');
	}

	#writeDoc(workspaceId: string, write: (docs: { workspace: Y.Doc }) => unknown): Promise<unknown> {
		return withDirectConnection(this.#hocuspocus, workspaceDocName(workspaceId), (workspace) => write({ workspace }), 'api');
	}
}
