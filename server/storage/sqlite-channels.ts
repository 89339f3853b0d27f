// Channels, sender links and the delivery outbox in SQLite. Statements are small indexed reads
// and writes, run inline behind async signatures; `enqueueDelivery` stays synchronous because
// it runs inside a document update, before the client's change is acknowledged.
import type Database from 'better-sqlite3';
import { OUTBOX_COLUMNS, toChannel, toDelivery, type ChannelRow, type OutboxRow } from './channel-rows.ts';
import { checkedId } from './ids.ts';
import type { ChannelStore, StoredChannel } from './types.ts';

export function createSqliteChannels(db: Database.Database): ChannelStore {
	const q = {
		insertChannel: db.prepare(
			'INSERT INTO channels (id, workspace_id, type, secret, outbound_url, created_at) VALUES (?, ?, ?, ?, ?, ?)'
		),
		channel: db.prepare<[string], ChannelRow>('SELECT * FROM channels WHERE id = ?'),
		channels: db.prepare<[string], ChannelRow>('SELECT * FROM channels WHERE workspace_id = ? ORDER BY created_at, id'),
		setUrl: db.prepare('UPDATE channels SET outbound_url = ? WHERE id = ?'),
		setSecret: db.prepare('UPDATE channels SET secret = ? WHERE id = ?'),
		deleteChannel: db.prepare('DELETE FROM channels WHERE id = ?'),
		insertLink: db.prepare(
			'INSERT INTO channel_contacts (channel_id, external_id, contact_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING'
		),
		link: db.prepare<[string, string], { contact_id: string }>(
			'SELECT contact_id FROM channel_contacts WHERE channel_id = ? AND external_id = ?'
		),
		linkOfContact: db.prepare<[string, string], { channel_id: string; external_id: string }>(
			`SELECT l.channel_id, l.external_id FROM channel_contacts l JOIN channels c ON c.id = l.channel_id
			 WHERE c.workspace_id = ? AND l.contact_id = ? ORDER BY l.created_at, l.channel_id LIMIT 1`
		),
		enqueue: db.prepare(
			`INSERT INTO delivery_outbox (id, workspace_id, contact_id, message_id, attempt, state, next_at, created_at)
			 VALUES (?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (id) DO NOTHING`
		),
		delivery: db.prepare<[string], OutboxRow>(`SELECT ${OUTBOX_COLUMNS} FROM delivery_outbox WHERE id = ?`),
		due: db.prepare<[number, number, number], OutboxRow>(
			`SELECT ${OUTBOX_COLUMNS} FROM delivery_outbox
			 WHERE state = 'pending' AND next_at <= ? AND lease_until <= ? ORDER BY next_at, id LIMIT ?`
		),
		nextDue: db.prepare<[], { next: number | null }>(
			`SELECT min(max(next_at, lease_until)) AS next FROM delivery_outbox WHERE state = 'pending'`
		),
		claim: db.prepare(
			`UPDATE delivery_outbox SET lease_until = ? WHERE id = ? AND state = 'pending' AND lease_until <= ?`
		),
		retryLater: db.prepare(
			`UPDATE delivery_outbox SET tries = ?, next_at = ?, last_error = ?, channel_id = ?, lease_until = 0
			 WHERE id = ? AND state = 'pending'`
		),
		finish: db.prepare(
			`UPDATE delivery_outbox SET state = 'done', tries = ?, last_error = ?, channel_id = ?, lease_until = 0, finished_at = ?
			 WHERE id = ?`
		),
		forget: db.prepare('DELETE FROM delivery_outbox WHERE id = ?')
	};

	return {
		async createChannel({ id, workspaceId, type, secret, outboundUrl }) {
			const channel: StoredChannel = { id: checkedId(id), workspaceId, type, secret, outboundUrl, createdAt: Date.now() };
			q.insertChannel.run(channel.id, workspaceId, type, secret, outboundUrl, channel.createdAt);
			return channel;
		},
		async getChannel(id) {
			const row = q.channel.get(id);
			return row ? toChannel(row) : null;
		},
		async listChannels(workspaceId) {
			return q.channels.all(workspaceId).map(toChannel);
		},
		async updateChannel(id, { outboundUrl, secret }) {
			db.transaction(() => {
				if (outboundUrl !== undefined) q.setUrl.run(outboundUrl, id);
				if (secret !== undefined) q.setSecret.run(secret, id);
			})();
			const row = q.channel.get(id);
			return row ? toChannel(row) : null;
		},
		async deleteChannel(id) {
			return q.deleteChannel.run(id).changes > 0;
		},
		async linkChannelContact(channelId, externalId, contactId) {
			// One writer at a time: the insert either makes the link or finds the winner's.
			const created = q.insertLink.run(channelId, externalId, contactId, Date.now()).changes > 0;
			const row = q.link.get(channelId, externalId);
			if (!row) throw new Error(`channel ${channelId} does not exist`);
			return { contactId: row.contact_id, created };
		},
		async findContactLink(workspaceId, contactId) {
			const row = q.linkOfContact.get(workspaceId, contactId);
			return row ? { channelId: row.channel_id, externalId: row.external_id } : null;
		},
		enqueueDelivery({ id, workspaceId, contactId, messageId, attempt, nextAt }) {
			q.enqueue.run(id, workspaceId, contactId, messageId, attempt, nextAt, Date.now());
		},
		async getDelivery(id) {
			const row = q.delivery.get(id);
			return row ? toDelivery(row) : null;
		},
		async dueDeliveries(now, limit) {
			return q.due.all(now, now, limit).map(toDelivery);
		},
		async nextDeliveryDue() {
			const next = q.nextDue.get()?.next;
			return next === null || next === undefined ? null : Number(next);
		},
		async claimDelivery(id, now, leaseMs) {
			if (q.claim.run(now + leaseMs, id, now).changes === 0) return null;
			const row = q.delivery.get(id);
			return row ? toDelivery(row) : null;
		},
		async retryDeliveryLater(id, { tries, nextAt, lastError, channelId }) {
			q.retryLater.run(tries, nextAt, lastError, channelId, id);
		},
		async finishDelivery(id, { tries, lastError, channelId }) {
			q.finish.run(tries, lastError, channelId, Date.now(), id);
		},
		async forgetDelivery(id) {
			q.forget.run(id);
		}
	};
}
