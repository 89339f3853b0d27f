// Channels, assembled: the outbox extension (handed to Hocuspocus), then, once Hocuspocus
// exists, the inbound service, the delivery worker and the HTTP routes. server/index.ts wires
// these three steps and nothing else.
import type { Extension, Hocuspocus } from '@hocuspocus/server';
import type { Config } from '../config.ts';
import type { Route } from '../http/router.ts';
import type { Logger } from '../log.ts';
import type { Storage } from '../storage/types.ts';
import { adminRoutes } from './admin-routes.ts';
import { ChannelAdmin } from './channel-admin.ts';
import { DeliveryWorker } from './delivery/delivery-worker.ts';
import { OutboxExtension } from './delivery/outbox-extension.ts';
import { InboundService } from './inbound.ts';
import { metadataOnlyAttachments, type InboundAttachmentStore } from './inbound-attachments.ts';
import { webhookRoutes } from './webhook-routes.ts';

export type ChannelsConfig = Pick<Config, 'inboundBodyLimit' | 'deliveryRetryBaseMs' | 'deliveryMaxTries' | 'deliveryTimeoutMs'>;

export type Channels = {
	/** For `createSync`: records queued outgoing messages in the outbox as documents change. */
	extension: Extension;
	/** Starts delivering and returns the HTTP routes; call once Hocuspocus exists. */
	start(hocuspocus: Hocuspocus): Route[];
	/** Stops the worker and waits for webhooks being recorded. Call before closing sync. */
	close(): Promise<void>;
};

export function createChannels(
	config: ChannelsConfig,
	storage: Storage,
	log: Logger,
	attachments: InboundAttachmentStore = metadataOnlyAttachments
): Channels {
	let worker: DeliveryWorker | null = null;
	let inbound: InboundService | null = null;
	const extension = new OutboxExtension(storage, log.child('outbox'), () => worker?.kick());
	return {
		extension,
		start(hocuspocus) {
			worker = new DeliveryWorker(storage, hocuspocus, log.child('delivery'), {
				retryBaseMs: config.deliveryRetryBaseMs,
				maxTries: config.deliveryMaxTries,
				timeoutMs: config.deliveryTimeoutMs
			});
			inbound = new InboundService(hocuspocus, storage, attachments);
			worker.kick();
			return [
				...webhookRoutes({ storage, hocuspocus, inbound, bodyLimit: config.inboundBodyLimit }),
				...adminRoutes(storage, new ChannelAdmin(hocuspocus, storage))
			];
		},
		async close() {
			await worker?.close();
			await inbound?.idle();
		}
	};
}
