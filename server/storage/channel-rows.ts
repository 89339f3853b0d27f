// Row shapes of the channel tables and their mapping to storage types, shared by the SQLite
// and PostgreSQL stores (pg returns BIGINT as strings, hence the Number() calls).
import type { ChannelType } from '../../shared/schemas/contact.ts';
import type { OutboxDelivery, StoredChannel } from './types.ts';

export type ChannelRow = { id: string; workspace_id: string; type: ChannelType; secret: string; outbound_url: string | null; created_at: number | string };
export type OutboxRow = {
	id: string;
	workspace_id: string;
	contact_id: string;
	message_id: string;
	attempt: number | string;
	state: 'pending' | 'done';
	channel_id: string | null;
	tries: number | string;
	next_at: number | string;
	last_error: string | null;
};

export const toChannel = (row: ChannelRow): StoredChannel => ({
	id: row.id,
	workspaceId: row.workspace_id,
	type: row.type,
	secret: row.secret,
	outboundUrl: row.outbound_url,
	createdAt: Number(row.created_at)
});

export const toDelivery = (row: OutboxRow): OutboxDelivery => ({
	id: row.id,
	workspaceId: row.workspace_id,
	contactId: row.contact_id,
	messageId: row.message_id,
	attempt: Number(row.attempt),
	state: row.state,
	channelId: row.channel_id,
	tries: Number(row.tries),
	nextAt: Number(row.next_at),
	lastError: row.last_error
});

export const OUTBOX_COLUMNS = 'id, workspace_id, contact_id, message_id, attempt, state, channel_id, tries, next_at, last_error';
