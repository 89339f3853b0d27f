// The provider-facing endpoints: POST /api/channels/{id}/inbound and /status. Both are signed
// with the channel secret over the raw body; the signature is checked before a byte of the body
// is parsed, and a request that fails any check writes nothing.
import type { IncomingMessage } from 'node:http';
import type { Hocuspocus } from '@hocuspocus/server';
import type { z } from 'zod';
import { ActionInputError, setDeliveryStatus } from '../../shared/actions/index.ts';
import { contactDocName } from '../../shared/doc/index.ts';
import {
	deliveryReportSchema,
	inboundMessageSchema,
	SIGNATURE_HEADER
} from '../../shared/schemas/channel-api.ts';
import { idSchema } from '../../shared/schemas/ids.ts';
import { HttpError, parseWith, sendJson } from '../http/json.ts';
import type { Route, RouteParams } from '../http/router.ts';
import type { Storage, StoredChannel } from '../storage/types.ts';
import { withDirectConnection } from '../sync/direct-connection.ts';
import { channelActor } from './actors.ts';
import type { InboundService } from './inbound.ts';
import { readRawBody } from './raw-body.ts';
import { verifySignature } from './signature.ts';

export type WebhookRoutesOptions = {
	storage: Storage;
	hocuspocus: Hocuspocus;
	inbound: InboundService;
	bodyLimit: number;
};

const REPORT_LIMIT = 16 * 1024;

export function webhookRoutes({ storage, hocuspocus, inbound, bodyLimit }: WebhookRoutesOptions): Route[] {
	/** The channel, the verified raw body, and the body parsed with `schema` — in that order. */
	async function signedBody<S extends z.ZodType>(
		request: IncomingMessage,
		params: RouteParams,
		limit: number,
		schema: S
	): Promise<{ channel: StoredChannel; body: z.output<S> }> {
		const id = idSchema.safeParse(params.channelId);
		const channel = id.success ? await storage.getChannel(id.data) : null;
		if (!channel) throw new HttpError(404, 'unknown_channel', 'No such channel.');
		const signature = request.headers[SIGNATURE_HEADER];
		if (signature === undefined) {
			throw new HttpError(401, 'missing_signature', `Sign the body: ${SIGNATURE_HEADER}: sha256=<hex HMAC-SHA256>.`);
		}
		const raw = await readRawBody(request, limit);
		if (!verifySignature(channel.secret, raw, signature)) {
			throw new HttpError(401, 'invalid_signature', 'The signature does not match the body.');
		}
		let json: unknown;
		try {
			json = JSON.parse(raw.toString('utf8'));
		} catch {
			throw new HttpError(400, 'invalid_json', 'The body is not valid JSON.');
		}
		return { channel, body: parseWith(schema, json) };
	}

	return [
		{
			method: 'POST',
			path: '/api/channels/:channelId/inbound',
			async handle(request, response, params) {
				const { channel, body } = await signedBody(request, params, bodyLimit, inboundMessageSchema);
				sendJson(response, 200, await inbound.receive(channel, body));
			}
		},
		{
			method: 'POST',
			path: '/api/channels/:channelId/status',
			async handle(request, response, params) {
				const { channel, body } = await signedBody(request, params, REPORT_LIMIT, deliveryReportSchema);
				const delivery = await storage.getDelivery(body.deliveryId);
				// A channel may report only on messages sent through it: the contact's link says which.
				const link = delivery ? await storage.findContactLink(delivery.workspaceId, delivery.contactId) : null;
				if (!delivery || delivery.workspaceId !== channel.workspaceId || link?.channelId !== channel.id) {
					throw new HttpError(404, 'unknown_delivery', 'No delivery with this id on this channel.', { field: 'deliveryId' });
				}
				const status = await withDirectConnection(
					hocuspocus,
					contactDocName(delivery.workspaceId, delivery.contactId),
					(contact) =>
						setDeliveryStatus(
							{ contact },
							{
								contactId: delivery.contactId,
								messageId: delivery.messageId,
								attempt: delivery.attempt,
								state: body.status,
								error: body.status === 'failed' ? (body.error ?? 'The channel reported a failure') : null
							},
							channelActor(channel.id)
						),
					'channel'
				).catch((error: unknown) => {
					if (error instanceof ActionInputError) throw new HttpError(404, 'unknown_delivery', error.message, { field: 'deliveryId' });
					throw error;
				});
				// The message's status after the report: a late "delivered" after "read" stays "read".
				sendJson(response, 200, { deliveryId: delivery.id, status: status?.state ?? body.status });
			}
		}
	];
}
