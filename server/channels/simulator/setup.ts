// The simulator's side of the channel settings API: log in as an owner, pick the workspace,
// make each channel a fresh secret (the only way to learn one) and point its outbound URL at the
// simulator; `restore` puts the outbound URLs back as they were.
import { channelListSchema, channelWithSecretSchema, channelUsesOutboundUrl, type ChannelView } from '../../../shared/schemas/channel-api.ts';

export type SimulatedChannel = { view: ChannelView; secret: string; previousOutboundUrl: string | null };

export class ServerApi {
	readonly #url: string;
	#cookie = '';

	constructor(url: string) {
		this.#url = url.replace(/\/$/, '');
	}

	get url(): string {
		return this.#url;
	}

	async #request(method: string, path: string, body?: unknown): Promise<unknown> {
		const response = await fetch(`${this.#url}${path}`, {
			method,
			headers: { cookie: this.#cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
		const json: unknown = await response.json().catch(() => null);
		if (!response.ok) {
			const message = (json as { message?: string } | null)?.message ?? response.statusText;
			throw new Error(`${method} ${path}: ${response.status} ${message}`);
		}
		if (method === 'POST' && path === '/api/auth/login') this.#cookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
		return json;
	}

	/** Logs in and returns the id of the named workspace (or the first one owned). */
	async logIn(email: string, password: string, workspaceName?: string): Promise<{ id: string; name: string }> {
		const info = (await this.#request('POST', '/api/auth/login', { email, password })) as {
			workspaces: Array<{ id: string; name: string; role: string }>;
		};
		const owned = info.workspaces.filter((w) => w.role === 'owner');
		const workspace = workspaceName ? owned.find((w) => w.name === workspaceName) : owned[0];
		if (!workspace) {
			throw new Error(workspaceName ? `${email} owns no workspace named "${workspaceName}"` : `${email} owns no workspace`);
		}
		return workspace;
	}

	async channels(workspaceId: string): Promise<ChannelView[]> {
		return channelListSchema.parse(await this.#request('GET', `/api/workspaces/${workspaceId}/channels`)).channels;
	}

	async takeOver(workspaceId: string, view: ChannelView, outboundUrl: string): Promise<SimulatedChannel> {
		const base = `/api/workspaces/${workspaceId}/channels/${view.id}`;
		const { secret } = channelWithSecretSchema.parse(await this.#request('POST', `${base}/secret`));
		if (channelUsesOutboundUrl(view.type)) await this.#request('PATCH', base, { outboundUrl });
		return { view, secret, previousOutboundUrl: view.outboundUrl };
	}

	async restore(workspaceId: string, channel: SimulatedChannel): Promise<void> {
		if (!channelUsesOutboundUrl(channel.view.type)) return;
		await this.#request('PATCH', `/api/workspaces/${workspaceId}/channels/${channel.view.id}`, {
			outboundUrl: channel.previousOutboundUrl
		});
	}
}
