// One POST of a delivery to the channel's outbound URL, signed like inbound webhooks, with the
// delivery id in a header so the provider can drop a repeat. The answer is sorted into sent,
// worth retrying (network trouble, timeouts, 408/425/429, 5xx) or refused for good (other 4xx,
// and redirects, which are not followed: a signed message goes only where the owner said).
import { DELIVERY_HEADER, SIGNATURE_HEADER, type OutboundMessage } from '../../../shared/schemas/channel-api.ts';
import { signBody } from '../signature.ts';

export type PostOutcome = { kind: 'sent' } | { kind: 'retry'; reason: string } | { kind: 'refused'; reason: string };

const RETRYABLE_STATUS = new Set([408, 425, 429]);
const BODY_EXCERPT = 200;

async function excerpt(response: Response): Promise<string> {
	try {
		const text = (await response.text()).replace(/\s+/g, ' ').trim();
		return text.length > BODY_EXCERPT ? `${text.slice(0, BODY_EXCERPT)}…` : text;
	} catch {
		return '';
	}
}

function networkReason(error: unknown, timeoutMs: number): string {
	if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
		return `The channel did not answer within ${Math.round(timeoutMs / 100) / 10} s`;
	}
	const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
	const code = typeof cause?.code === 'string' ? cause.code : error instanceof Error ? error.message : String(error);
	return `Could not reach the channel (${code})`;
}

export async function postOutbound(
	url: string,
	secret: string,
	payload: OutboundMessage,
	{ timeoutMs, signal }: { timeoutMs: number; signal?: AbortSignal }
): Promise<PostOutcome> {
	const body = JSON.stringify(payload);
	const timeout = AbortSignal.timeout(timeoutMs);
	let response: Response;
	try {
		response = await fetch(url, {
			method: 'POST',
			redirect: 'manual',
			signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
			headers: {
				'content-type': 'application/json; charset=utf-8',
				'user-agent': 'Switchboard-Delivery/1',
				[SIGNATURE_HEADER]: signBody(secret, body),
				[DELIVERY_HEADER]: payload.deliveryId
			},
			body
		});
	} catch (error) {
		return { kind: 'retry', reason: networkReason(error, timeoutMs) };
	}
	if (response.status >= 200 && response.status < 300) {
		await response.body?.cancel().catch(() => undefined);
		return { kind: 'sent' };
	}
	const detail = await excerpt(response);
	const reason = `The channel answered HTTP ${response.status}${detail ? `: ${detail}` : ''}`;
	if (response.status >= 500 || RETRYABLE_STATUS.has(response.status)) return { kind: 'retry', reason };
	return { kind: 'refused', reason };
}
