// Channels, sender links and the delivery outbox in PostgreSQL. BIGINT columns arrive as
// strings from pg; the row mappers shared with SQLite convert them.
import type pg from 'pg';
import { checkedId } from './ids.ts';
import { OUTBOX_COLUMNS, toChannel, toDelivery, type ChannelRow, type OutboxRow } from './channel-rows.ts';
import type { ChannelStore, StoredChannel } from './types.ts';

export function createPostgresChannels(pool: pg.Pool): ChannelStore {
	const one = async <R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<R | null> =>
		(await pool.query<R>(sql, params)).rows[0] ?? null;

	return {
		async createChannel({ id, workspaceId, type, secret, outboundUrl }) {
			const channel: StoredChannel = { id: checkedId(id), workspaceId, type, secret, outboundUrl, createdAt: Date.now() };
			await pool.query(
				'INSERT INTO channels (id, workspace_id, type, secret, outbound_url, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
				[channel.id, workspaceId, type, secret, outboundUrl, channel.createdAt]
			);
			return channel;
		},
		async getChannel(id) {
			const row = await one<ChannelRow>('SELECT * FROM channels WHERE id = $1', [id]);
			return row ? toChannel(row) : null;
		},
		async listChannels(workspaceId) {
			const { rows } = await pool.query<ChannelRow>('SELECT * FROM channels WHERE workspace_id = $1 ORDER BY created_at, id', [
				workspaceId
			]);
			return rows.map(toChannel);
		},
		async updateChannel(id, { outboundUrl, secret }) {
			// COALESCE cannot tell "leave" from "clear", so the URL flag says which.
			const row = await one<ChannelRow>(
				`UPDATE channels SET
				   outbound_url = CASE WHEN $2 THEN $3 ELSE outbound_url END,
				   secret = COALESCE($4, secret)
				 WHERE id = $1 RETURNING *`,
				[id, outboundUrl !== undefined, outboundUrl ?? null, secret ?? null]
			);
			return row ? toChannel(row) : null;
		},
		async deleteChannel(id) {
			const result = await pool.query('DELETE FROM channels WHERE id = $1', [id]);
			return (result.rowCount ?? 0) > 0;
		},
		async linkChannelContact(channelId, externalId, contactId) {
			// The primary key decides between concurrent first messages; losers read the winner.
			const inserted = await one<{ contact_id: string }>(
				`INSERT INTO channel_contacts (channel_id, external_id, contact_id, created_at) VALUES ($1, $2, $3, $4)
				 ON CONFLICT (channel_id, external_id) DO NOTHING RETURNING contact_id`,
				[channelId, externalId, contactId, Date.now()]
			);
			if (inserted) return { contactId: inserted.contact_id, created: true };
			const existing = await one<{ contact_id: string }>(
				'SELECT contact_id FROM channel_contacts WHERE channel_id = $1 AND external_id = $2',
				[channelId, externalId]
			);
			if (!existing) throw new Error(`no link for ${channelId}/${externalId}`);
			return { contactId: existing.contact_id, created: false };
		},
		async findContactLink(workspaceId, contactId) {
			const row = await one<{ channel_id: string; external_id: string }>(
				`SELECT l.channel_id, l.external_id FROM channel_contacts l JOIN channels c ON c.id = l.channel_id
				 WHERE c.workspace_id = $1 AND l.contact_id = $2 ORDER BY l.created_at, l.channel_id LIMIT 1`,
				[workspaceId, contactId]
			);
			return row ? { channelId: row.channel_id, externalId: row.external_id } : null;
		},
		async enqueueDelivery({ id, workspaceId, contactId, messageId, attempt, nextAt }) {
			await pool.query(
				`INSERT INTO delivery_outbox (id, workspace_id, contact_id, message_id, attempt, state, next_at, created_at)
				 VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7) ON CONFLICT (id) DO NOTHING`,
				[id, workspaceId, contactId, messageId, attempt, nextAt, Date.now()]
			);
		},
		async getDelivery(id) {
			const row = await one<OutboxRow>(`SELECT ${OUTBOX_COLUMNS} FROM delivery_outbox WHERE id = $1`, [id]);
			return row ? toDelivery(row) : null;
		},
		async dueDeliveries(now, limit) {
			const { rows } = await pool.query<OutboxRow>(
				`SELECT ${OUTBOX_COLUMNS} FROM delivery_outbox
				 WHERE state = 'pending' AND next_at <= $1 AND lease_until <= $1 ORDER BY next_at, id LIMIT $2`,
				[now, limit]
			);
			return rows.map(toDelivery);
		},
		async nextDeliveryDue() {
			const row = await one<{ next: string | null }>(`SELECT min(GREATEST(next_at, lease_until)) AS next FROM delivery_outbox WHERE state = 'pending'`, []);
			return row?.next === null || row?.next === undefined ? null : Number(row.next);
		},
		async claimDelivery(id, now, leaseMs) {
			const row = await one<OutboxRow>(
				`UPDATE delivery_outbox SET lease_until = $1 WHERE id = $2 AND state = 'pending' AND lease_until <= $3
				 RETURNING ${OUTBOX_COLUMNS}`,
				[now + leaseMs, id, now]
			);
			return row ? toDelivery(row) : null;
		},
		async retryDeliveryLater(id, { tries, nextAt, lastError, channelId }) {
			await pool.query(
				`UPDATE delivery_outbox SET tries = $1, next_at = $2, last_error = $3, channel_id = $4, lease_until = 0
				 WHERE id = $5 AND state = 'pending'`,
				[tries, nextAt, lastError, channelId, id]
			);
		},
		async finishDelivery(id, { tries, lastError, channelId }) {
			await pool.query(
				`UPDATE delivery_outbox SET state = 'done', tries = $1, last_error = $2, channel_id = $3, lease_until = 0, finished_at = $4
				 WHERE id = $5`,
				[tries, lastError, channelId, Date.now(), id]
			);
		},
		async forgetDelivery(id) {
			await pool.query('DELETE FROM delivery_outbox WHERE id = $1', [id]);
		}
	};
}
