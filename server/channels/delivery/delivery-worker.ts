// Works through the durable outbox: each due row is claimed (a lease, so two processes never
// post the same row at once), planned from the documents, posted, and its outcome written to
// the contact document with `setDeliveryStatus`. Rows stay in the database after they are done,
// so a message noticed again (a document reloads) is never delivered twice.
//
// Order of writes, so that a crash at any point costs at most one repeated POST (with the same
// delivery id, which the provider drops): row recorded → POST → status in the document → row done.
import type { Hocuspocus } from '@hocuspocus/server';
import { setDeliveryStatus } from '../../../shared/actions/index.ts';
import { contactDocName } from '../../../shared/doc/names.ts';
import type { DeliveryState } from '../../../shared/schemas/message.ts';
import type { Logger } from '../../log.ts';
import type { OutboxDelivery, Storage } from '../../storage/types.ts';
import { withDirectConnection } from '../../sync/direct-connection.ts';
import { DELIVERY_ACTOR } from '../actors.ts';
import { KeyedQueue } from '../keyed-queue.ts';
import { planDelivery } from './plan.ts';
import { postOutbound } from './post-outbound.ts';

export type DeliverySettings = {
	retryBaseMs: number;
	maxTries: number;
	timeoutMs: number;
	/** Rows worked on at once (different contacts; one contact's rows go in order). */
	concurrency?: number;
};

const BATCH = 100;
const MAX_BACKOFF_MS = 3_600_000;
/** An idle worker still looks now and then, for rows another process left due. */
const IDLE_POLL_MS = 30_000;

export class DeliveryWorker {
	readonly #storage: Storage;
	readonly #hocuspocus: Hocuspocus;
	readonly #log: Logger;
	readonly #settings: Required<DeliverySettings>;
	readonly #perContact = new KeyedQueue();
	readonly #abort = new AbortController();
	#timer: NodeJS.Timeout | null = null;
	#running: Promise<void> | null = null;
	#again = false;
	#stopped = false;

	constructor(storage: Storage, hocuspocus: Hocuspocus, log: Logger, settings: DeliverySettings) {
		this.#storage = storage;
		this.#hocuspocus = hocuspocus;
		this.#log = log;
		this.#settings = { concurrency: 8, ...settings };
	}

	/** A claim outlives the slowest POST; a crashed process's claims expire after this. */
	get leaseMs(): number {
		return 2 * this.#settings.timeoutMs + 1000;
	}

	/** Looks for due rows soon (coalesced; never inside the caller's stack). */
	kick(): void {
		if (this.#stopped) return;
		if (this.#running) {
			this.#again = true;
			return;
		}
		this.#schedule(0);
	}

	/** Stops taking rows, aborts POSTs in flight (their rows are retried after a restart). */
	async close(): Promise<void> {
		this.#stopped = true;
		if (this.#timer) clearTimeout(this.#timer);
		this.#abort.abort();
		await this.#running;
		await this.#perContact.idle();
	}

	#schedule(delayMs: number) {
		if (this.#stopped) return;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = setTimeout(() => {
			this.#timer = null;
			this.#running = this.#pass().finally(() => {
				this.#running = null;
				if (this.#again) {
					this.#again = false;
					this.#schedule(0);
				}
			});
		}, Math.max(0, Math.min(delayMs, IDLE_POLL_MS)));
	}

	async #pass(): Promise<void> {
		try {
			for (;;) {
				const due = await this.#storage.dueDeliveries(Date.now(), BATCH);
				if (due.length === 0 || this.#stopped) break;
				await this.#inParallel(due);
				if (due.length < BATCH) break;
			}
			const next = await this.#storage.nextDeliveryDue();
			this.#schedule(next === null ? IDLE_POLL_MS : next - Date.now());
		} catch (error) {
			this.#log.error('delivery pass failed; trying again shortly', error);
			this.#schedule(this.#settings.retryBaseMs);
		}
	}

	async #inParallel(rows: OutboxDelivery[]): Promise<void> {
		const queue = [...rows];
		const lane = async () => {
			for (let row = queue.shift(); row && !this.#stopped; row = queue.shift()) {
				const current = row;
				await this.#perContact.run(`${current.workspaceId}/${current.contactId}`, () => this.#deliver(current));
			}
		};
		await Promise.all(Array.from({ length: this.#settings.concurrency }, lane));
	}

	async #deliver(candidate: OutboxDelivery): Promise<void> {
		const row = await this.#storage.claimDelivery(candidate.id, Date.now(), this.leaseMs);
		if (!row) return;
		try {
			await this.#attempt(row);
		} catch (error) {
			// Storage or document trouble, not the channel's: try the row again later.
			this.#log.error(`delivery ${row.id} failed; retrying`, error);
			await this.#storage
				.retryDeliveryLater(row.id, { tries: row.tries, nextAt: Date.now() + this.#backoff(row.tries + 1), lastError: String(error), channelId: row.channelId })
				.catch((e: unknown) => this.#log.error(`could not reschedule delivery ${row.id}`, e));
		}
	}

	async #attempt(row: OutboxDelivery): Promise<void> {
		const plan = await planDelivery(this.#hocuspocus, this.#storage, row, Date.now());
		const finish = (lastError: string | null, channelId: string | null, tries = row.tries) =>
			this.#storage.finishDelivery(row.id, { tries, lastError, channelId });
		switch (plan.kind) {
			case 'missing':
				return this.#storage.forgetDelivery(row.id);
			case 'settled':
				return finish(row.lastError, row.channelId);
			case 'refuse':
				this.#log.info(`delivery ${row.id} refused: ${plan.reason}`);
				await this.#setStatus(row, 'failed', plan.reason);
				return finish(plan.reason, plan.channelId);
			case 'local':
				await this.#setStatus(row, 'sent', null);
				return finish(null, plan.channelId);
			case 'post': {
				const url = plan.channel.outboundUrl ?? '';
				const outcome = await postOutbound(url, plan.channel.secret, plan.payload, {
					timeoutMs: this.#settings.timeoutMs,
					signal: this.#abort.signal
				});
				const tries = row.tries + 1;
				if (this.#stopped && outcome.kind === 'retry') {
					// Aborted by shutdown: not the channel's fault, and not a try.
					return this.#storage.retryDeliveryLater(row.id, { tries: row.tries, nextAt: Date.now(), lastError: outcome.reason, channelId: plan.channel.id });
				}
				if (outcome.kind === 'sent') {
					await this.#setStatus(row, 'sent', null);
					return finish(null, plan.channel.id, tries);
				}
				if (outcome.kind === 'retry' && tries < this.#settings.maxTries) {
					const delay = this.#backoff(tries);
					this.#log.info(`delivery ${row.id}: ${outcome.reason}; try ${tries + 1} in ${delay} ms`);
					return this.#storage.retryDeliveryLater(row.id, { tries, nextAt: Date.now() + delay, lastError: outcome.reason, channelId: plan.channel.id });
				}
				const reason = outcome.kind === 'retry' ? `${outcome.reason} (gave up after ${tries} tries)` : outcome.reason;
				this.#log.info(`delivery ${row.id} failed: ${reason}`);
				await this.#setStatus(row, 'failed', reason);
				return finish(reason, plan.channel.id, tries);
			}
		}
	}

	/** Wait before try `tries + 1`: base × 2^(tries−1), ±20 % so many failures don't retry in step. */
	#backoff(tries: number): number {
		const exact = this.#settings.retryBaseMs * 2 ** Math.max(0, tries - 1);
		return Math.round(Math.min(MAX_BACKOFF_MS, exact) * (0.8 + Math.random() * 0.4));
	}

	async #setStatus(row: OutboxDelivery, state: DeliveryState, error: string | null): Promise<void> {
		await withDirectConnection(
			this.#hocuspocus,
			contactDocName(row.workspaceId, row.contactId),
			(contact) =>
				setDeliveryStatus(
					{ contact },
					{ contactId: row.contactId, messageId: row.messageId, attempt: row.attempt, state, error: error?.slice(0, 500) ?? null },
					DELIVERY_ACTOR
				),
			'delivery'
		);
	}
}
