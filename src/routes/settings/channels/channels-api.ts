import { z } from 'zod';
import {
	channelListSchema,
	channelWithSecretSchema,
	type ChannelCreate,
	type ChannelUpdate,
	type ChannelView,
	type ChannelWithSecret
} from '$shared/schemas/index.ts';

// The owner's channel API (server/channels/admin-routes.ts), parsed with the shared schemas.
// Errors carry the server's message and the field it names, for the form to point at.

export class ChannelApiError extends Error {
	readonly status: number;
	readonly field: string | null;

	constructor(status: number, message: string, field: string | null = null) {
		super(message);
		this.status = status;
		this.field = field;
	}
}

async function call<S extends z.ZodType>(schema: S, method: string, path: string, body?: unknown): Promise<z.output<S>> {
	let response: Response;
	try {
		response = await fetch(path, {
			method,
			credentials: 'same-origin',
			headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch {
		throw new ChannelApiError(0, 'Cannot reach the server. Channel settings need a connection.');
	}
	const json: unknown = await response.json().catch(() => null);
	if (!response.ok) {
		const error = (json ?? {}) as { message?: unknown; field?: unknown };
		const message = typeof error.message === 'string' ? error.message : `The server answered ${response.status}.`;
		throw new ChannelApiError(response.status, message, typeof error.field === 'string' ? error.field : null);
	}
	const parsed = schema.safeParse(json);
	if (!parsed.success) throw new ChannelApiError(response.status, 'The server sent an answer this page does not understand.');
	return parsed.data;
}

const updatedSchema = channelWithSecretSchema.pick({ channel: true });
const okSchema = z.object({ ok: z.boolean() });

export class ChannelsApi {
	readonly #base: string;

	constructor(workspaceId: string) {
		this.#base = `/api/workspaces/${encodeURIComponent(workspaceId)}/channels`;
	}

	async list(): Promise<ChannelView[]> {
		return (await call(channelListSchema, 'GET', this.#base)).channels;
	}

	create(input: ChannelCreate): Promise<ChannelWithSecret> {
		return call(channelWithSecretSchema, 'POST', this.#base, input);
	}

	async update(id: string, changes: ChannelUpdate): Promise<ChannelView> {
		return (await call(updatedSchema, 'PATCH', `${this.#base}/${encodeURIComponent(id)}`, changes)).channel;
	}

	async remove(id: string): Promise<void> {
		await call(okSchema, 'DELETE', `${this.#base}/${encodeURIComponent(id)}`);
	}

	rotateSecret(id: string): Promise<ChannelWithSecret> {
		return call(channelWithSecretSchema, 'POST', `${this.#base}/${encodeURIComponent(id)}/secret`);
	}
}
