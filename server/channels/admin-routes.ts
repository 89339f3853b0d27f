// The owner's channel settings API, behind the session cookie:
//   GET/POST   /api/workspaces/{wid}/channels
//   PATCH/DELETE /api/workspaces/{wid}/channels/{id}
//   POST       /api/workspaces/{wid}/channels/{id}/secret   (rotate; answers the new secret once)
import type { IncomingMessage } from 'node:http';
import { readCookie } from '../auth/cookies.ts';
import { resolveSession, SESSION_COOKIE } from '../auth/sessions.ts';
import { channelCreateSchema, channelUpdateSchema } from '../../shared/schemas/channel-api.ts';
import { idSchema } from '../../shared/schemas/ids.ts';
import { HttpError, parseWith, readJson, sendJson } from '../http/json.ts';
import type { Route, RouteParams } from '../http/router.ts';
import type { Storage, User } from '../storage/types.ts';
import type { ChannelAdmin } from './channel-admin.ts';

export function adminRoutes(storage: Storage, admin: ChannelAdmin): Route[] {
	/** The signed-in owner of the workspace in the path; 401, 404 or 403 otherwise. */
	async function owner(request: IncomingMessage, params: RouteParams): Promise<{ user: User; workspaceId: string }> {
		const session = await resolveSession(storage, readCookie(request, SESSION_COOKIE));
		if (!session) throw new HttpError(401, 'unauthenticated', 'Not logged in.');
		const workspace = idSchema.safeParse(params.workspaceId);
		const role = workspace.success ? await storage.getRole(workspace.data, session.user.id) : null;
		// Not a member: the workspace does not exist as far as this user can tell.
		if (!workspace.success || !role) throw new HttpError(404, 'unknown_workspace', 'No such workspace.');
		if (role !== 'owner') throw new HttpError(403, 'owner_only', 'Only workspace owners manage channels.');
		return { user: session.user, workspaceId: workspace.data };
	}

	const channelIdOf = (params: RouteParams): string => {
		const id = idSchema.safeParse(params.channelId);
		if (!id.success) throw new HttpError(404, 'unknown_channel', 'No such channel in this workspace.');
		return id.data;
	};

	const list = '/api/workspaces/:workspaceId/channels';
	const one = `${list}/:channelId`;
	return [
		{
			method: 'GET',
			path: list,
			async handle(request, response, params) {
				const { workspaceId } = await owner(request, params);
				sendJson(response, 200, { channels: await admin.list(workspaceId) });
			}
		},
		{
			method: 'POST',
			path: list,
			async handle(request, response, params) {
				const { user, workspaceId } = await owner(request, params);
				const body = parseWith(channelCreateSchema, await readJson(request));
				sendJson(response, 201, await admin.create(workspaceId, user.id, body));
			}
		},
		{
			method: 'PATCH',
			path: one,
			async handle(request, response, params) {
				const { user, workspaceId } = await owner(request, params);
				const body = parseWith(channelUpdateSchema, await readJson(request));
				sendJson(response, 200, { channel: await admin.update(workspaceId, channelIdOf(params), user.id, body) });
			}
		},
		{
			method: 'DELETE',
			path: one,
			async handle(request, response, params) {
				const { user, workspaceId } = await owner(request, params);
				await admin.remove(workspaceId, channelIdOf(params), user.id);
				sendJson(response, 200, { ok: true });
			}
		},
		{
			method: 'POST',
			path: `${one}/secret`,
			async handle(request, response, params) {
				const { workspaceId } = await owner(request, params);
				sendJson(response, 200, await admin.rotateSecret(workspaceId, channelIdOf(params)));
			}
		}
	];
}
