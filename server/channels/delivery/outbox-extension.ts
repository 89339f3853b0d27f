// Notices outgoing messages waiting for delivery in every contact document the server loads,
// and records each in the durable outbox, where the delivery worker finds it (after a restart
// too). Every change reaches a document through the server's in-memory copy, so an observer
// there sees each queued message exactly when it arrives: online, or synced later from offline.
import type { Extension, afterLoadDocumentPayload } from '@hocuspocus/server';
import type * as Y from 'yjs';
import { contactMaps } from '../../../shared/doc/contact-doc.ts';
import { parseDocName } from '../../../shared/doc/names.ts';
import type { Logger } from '../../log.ts';
import type { Storage } from '../../storage/types.ts';
import { deliveryIdOf } from './delivery-id.ts';
import { attemptSettled, parseDeliveryKey, queuedAttempts, type QueuedAttempt } from './queued-attempts.ts';

export class OutboxExtension implements Extension {
	extensionName = 'switchboard-outbox';
	readonly #storage: Storage;
	readonly #log: Logger;
	readonly #onQueued: () => void;

	/** `onQueued` fires after a new row may have been recorded (the worker then looks). */
	constructor(storage: Storage, log: Logger, onQueued: () => void) {
		this.#storage = storage;
		this.#log = log;
		this.#onQueued = onQueued;
	}

	/**
	 * Fires once per load, after the stored state is applied and before any client message.
	 * The scan picks up messages whose outbox row was never written (PostgreSQL's asynchronous
	 * insert cut short by a crash); rows that exist, pending or done, are left as they are.
	 */
	async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload) {
		const name = parseDocName(documentName);
		if (name?.kind !== 'contact') return;
		const { workspaceId, contactId } = name;
		const delivery = contactMaps(document).delivery;
		const waiting = queuedAttempts(delivery);
		if (waiting.length > 0) this.#enqueue(workspaceId, contactId, waiting);
		// Observers run inside the transaction's cleanup, before Yjs emits 'update' (where the
		// storage extension appends): with SQLite the outbox row is on disk before the change is.
		delivery.observe((event: Y.YMapEvent<unknown>) => {
			const added: QueuedAttempt[] = [];
			for (const [key, change] of event.changes.keys) {
				if (change.action !== 'add') continue;
				const parsed = parseDeliveryKey(key);
				if (parsed?.state !== 'queued' || attemptSettled(delivery, parsed)) continue;
				added.push({ messageId: parsed.messageId, attempt: parsed.attempt });
			}
			if (added.length > 0) this.#enqueue(workspaceId, contactId, added);
		});
	}

	#enqueue(workspaceId: string, contactId: string, attempts: QueuedAttempt[]) {
		const now = Date.now();
		const pending: Promise<void>[] = [];
		for (const { messageId, attempt } of attempts) {
			const id = deliveryIdOf(workspaceId, contactId, messageId, attempt);
			try {
				const written = this.#storage.enqueueDelivery({ id, workspaceId, contactId, messageId, attempt, nextAt: now });
				if (written) pending.push(written);
			} catch (error) {
				// Never throw into Yjs's observer loop (it would skip the update event, and with it
				// the append of the client's change). The load-time scan retries this message.
				this.#log.error(`could not queue delivery ${id} of ${contactId}/${messageId}`, error);
			}
		}
		if (pending.length === 0) return this.#onQueued();
		Promise.all(pending).then(
			() => this.#onQueued(),
			(error: unknown) => this.#log.error(`could not queue deliveries of ${contactId}`, error)
		);
	}
}
