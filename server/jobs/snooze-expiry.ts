// Snooze expiry: when a contact's `snoozedUntil` passes, the server writes the `unsnoozed`
// event with the system actor through the shared `unsnoozeContact` action, so the history
// shows that the contact came back, also when every agent's browser was closed.
//
// It keeps a schedule of wake-up times from the index shards only: the stored shards are
// scanned once at start (so a restart loses nothing), and every shard Hocuspocus loads is read
// in full and its `snoozedUntil` map observed, which catches changes from clients, server
// writers and Redis alike. One timer is armed for the earliest time. When it fires, the
// contact's shard is read again inside the write's transaction: a contact woken by an agent
// or snoozed again meanwhile is left alone, so firing twice or early is harmless.
import type { Extension, Hocuspocus, afterLoadDocumentPayload, onConfigurePayload } from '@hocuspocus/server';
import { unsnoozeContact } from '../../shared/actions/index.ts';
import { readTimeField } from '../../shared/doc/index-fields.ts';
import { contactDocName, indexDocName, indexMaps, parseDocName, shardOf } from '../../shared/doc/index.ts';
import { systemActor } from '../../shared/schemas/index.ts';
import type { Logger } from '../log.ts';
import type { Storage } from '../storage/types.ts';
import { withDirectConnections } from '../sync/direct-connection.ts';
import { DocumentHolds } from './document-holds.ts';
import { ExpirySchedule } from './expiry-schedule.ts';
import { readShardSnoozes, scanStoredSnoozes } from './snooze-scan.ts';

/** Contacts woken at once; after downtime hundreds may be due together. */
const CONCURRENCY = 4;
/** A failed write (storage down) is tried again this much later. */
const RETRY_MS = 30_000;
/** Timers longer than ~24.8 days overflow; far snoozes re-arm on the way. */
const MAX_TIMER_MS = 60 * 60 * 1000;

const keyOf = (workspaceId: string, contactId: string) => `${workspaceId}/${contactId}`;

type Outcome = { kind: 'woken' } | { kind: 'gone' } | { kind: 'later'; until: number };

export class SnoozeExpiryJob implements Extension {
	extensionName = 'switchboard-snooze-expiry';
	readonly #storage: Storage;
	readonly #log: Logger;
	readonly #schedule = new ExpirySchedule();
	readonly #running = new Map<string, Promise<void>>();
	readonly #holds = new DocumentHolds();
	#instance: Hocuspocus | null = null;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#timerAt = Infinity;
	#scan: Promise<void> | null = null;
	#stopped = false;
	#woken = 0;

	constructor(storage: Storage, log: Logger) {
		this.#storage = storage;
		this.#log = log;
	}

	/** Contacts woken since start (for tests and logs). */
	get woken(): number {
		return this.#woken;
	}

	/** Wake-up times currently known. */
	get scheduled(): number {
		return this.#schedule.size;
	}

	async onConfigure({ instance }: onConfigurePayload) {
		this.#instance = instance;
	}

	/** Fires once per load of a document, before any client message is applied to it. */
	async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload) {
		const parsed = parseDocName(documentName);
		if (parsed?.kind !== 'index') return;
		const { workspaceId } = parsed;
		// A freshly loaded shard is the newest state there is: its times replace what we knew.
		readShardSnoozes(document, workspaceId, (w, contactId, until) => this.#note(w, contactId, until, true));
		const snoozedUntil = indexMaps(document).snoozedUntil;
		snoozedUntil.observe((event) => {
			for (const contactId of event.keysChanged) {
				this.#note(workspaceId, contactId, readTimeField(snoozedUntil, 'snoozedUntil', contactId), true);
			}
		});
		this.#arm();
	}

	/** Scans the stored shards, then keeps the timer armed. Call once the server listens. */
	start(): Promise<void> {
		this.#scan ??= (async () => {
			const started = performance.now();
			const shards = await scanStoredSnoozes(
				this.#storage,
				(name) => this.#instance?.documents.has(name) ?? false,
				// A stored shard may be older than a loaded one seen meanwhile: keep the earlier time
				// (firing early only re-reads the shard).
				(workspaceId, contactId, until) => this.#note(workspaceId, contactId, until, false),
				() => this.#stopped
			);
			const ms = Math.round(performance.now() - started);
			this.#log.info(`${this.#schedule.size} snoozed contacts scheduled from ${shards} stored index shards in ${ms} ms`);
			this.#drain();
		})().catch((error: unknown) => this.#log.error('scanning stored index shards failed', error));
		return this.#scan;
	}

	/** Stops the timer and waits for wake-ups in flight (before the sync layer closes). */
	async stop(): Promise<void> {
		this.#stopped = true;
		this.#clearTimer();
		await this.#scan;
		await Promise.allSettled([...this.#running.values()]);
		await this.#holds.releaseAll();
	}

	#note(workspaceId: string, contactId: string, until: number | null, exact: boolean): void {
		const key = keyOf(workspaceId, contactId);
		if (until === null) this.#schedule.delete(key);
		else if (exact) this.#schedule.set(key, until);
		else this.#schedule.setEarliest(key, until);
		this.#arm();
	}

	#arm(): void {
		if (this.#stopped || this.#running.size >= CONCURRENCY) return; // a finishing wake-up drains again
		const next = this.#schedule.next();
		if (next === null) return this.#clearTimer();
		const now = Date.now();
		const at = Math.min(next, now + MAX_TIMER_MS);
		if (this.#timer !== null && this.#timerAt <= at) return;
		this.#clearTimer();
		this.#timerAt = at;
		this.#timer = setTimeout(() => {
			this.#timer = null;
			this.#timerAt = Infinity;
			this.#drain();
		}, Math.max(0, at - now));
		this.#timer.unref();
	}

	#clearTimer(): void {
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
		this.#timerAt = Infinity;
	}

	#drain(): void {
		if (this.#stopped) return;
		const now = Date.now();
		while (this.#running.size < CONCURRENCY) {
			const [key] = this.#schedule.takeDue(now, 1);
			if (key === undefined) break;
			// Seen again while its wake-up runs (the shard loaded for it): look once more afterwards.
			if (this.#running.has(key)) {
				this.#schedule.set(key, now + 1000);
				continue;
			}
			const run = this.#wake(key).finally(() => {
				this.#running.delete(key);
				this.#drain();
			});
			this.#running.set(key, run);
		}
		this.#arm();
	}

	async #wake(key: string): Promise<void> {
		const [workspaceId = '', contactId = ''] = key.split('/');
		const instance = this.#instance;
		if (!instance) return;
		const shard = indexDocName(workspaceId, shardOf(contactId));
		let release: (() => void) | null = null;
		try {
			// Contacts due together often share a shard: keep it loaded between their wake-ups.
			release = await this.#holds.hold(instance, shard, { writer: 'snooze' });
			const outcome = await withDirectConnections(
				instance,
				{ index: shard, contact: contactDocName(workspaceId, contactId) },
				(docs): Outcome => {
					// Read and write in one transaction: nothing can slip in between on this process.
					const maps = indexMaps(docs.index);
					if (!maps.channel.has(contactId)) return { kind: 'gone' };
					const until = readTimeField(maps.snoozedUntil, 'snoozedUntil', contactId);
					if (until === null) return { kind: 'gone' };
					if (until > Date.now()) return { kind: 'later', until };
					unsnoozeContact(docs, { contactId }, systemActor);
					return { kind: 'woken' };
				},
				'snooze'
			);
			if (outcome.kind === 'woken') this.#woken++;
			else if (outcome.kind === 'later') this.#note(workspaceId, contactId, outcome.until, true);
		} catch (error) {
			this.#log.warn(`could not wake contact ${key}; trying again in ${RETRY_MS / 1000} s`, error);
			if (!this.#stopped) this.#schedule.set(key, Date.now() + RETRY_MS);
		} finally {
			release?.();
		}
	}
}
