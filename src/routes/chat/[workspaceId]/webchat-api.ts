import { webchatInfoSchema, visitorSessionSchema, type VisitorSession, type VisitorStart, type WebchatInfo } from '$shared/schemas/webchat.ts';

// The chat page's two HTTP calls: what workspace this is, and starting a chat.

export class ChatUnavailable extends Error {}

export async function fetchInfo(workspaceId: string): Promise<WebchatInfo> {
	const response = await fetch(`/api/webchat/workspaces/${encodeURIComponent(workspaceId)}`);
	if (response.status === 404) throw new ChatUnavailable('There is no chat here.');
	if (!response.ok) throw new Error(`The chat could not be loaded (${response.status}).`);
	return webchatInfoSchema.parse(await response.json());
}

/** Starts a chat; errors carry the server's message and the field it is about. */
export async function startChat(workspaceId: string, profile: VisitorStart): Promise<VisitorSession> {
	const response = await fetch(`/api/webchat/workspaces/${encodeURIComponent(workspaceId)}/visitors`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(profile)
	});
	const body = (await response.json().catch(() => ({}))) as { message?: string; field?: string };
	if (response.status !== 201) {
		throw Object.assign(new Error(body.message ?? `The chat could not be started (${response.status}).`), { field: body.field });
	}
	return visitorSessionSchema.parse(body);
}
