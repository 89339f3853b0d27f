// Files for agents, behind the session cookie:
//   POST /api/workspaces/{wid}/files        upload (members) → 201 { file }
//   GET  /api/files/{id}                    the file (members of its workspace)
//   GET  /api/files/{id}/thumbnail          a small WebP preview of an image
// Someone who is not a member gets 404, as if the file did not exist.
import type { IncomingMessage } from 'node:http';
import { readCookie } from '../auth/cookies.ts';
import { resolveSession, SESSION_COOKIE } from '../auth/sessions.ts';
import { idSchema } from '../../shared/schemas/ids.ts';
import { HttpError, sendJson } from '../http/json.ts';
import type { Route, RouteParams } from '../http/router.ts';
import type { Storage, StoredFile, User } from '../storage/types.ts';
import type { FileService } from './file-service.ts';
import { sendStoredFile } from './send-file.ts';
import { THUMBNAIL_SIZE } from './thumbnails.ts';
import { receiveUpload } from './upload-request.ts';

export function fileRoutes(storage: Storage, files: FileService): Route[] {
	async function signedIn(request: IncomingMessage): Promise<User> {
		const session = await resolveSession(storage, readCookie(request, SESSION_COOKIE));
		if (!session) throw new HttpError(401, 'unauthenticated', 'Not logged in.');
		return session.user;
	}

	const notFound = () => new HttpError(404, 'unknown_file', 'No such file.');

	/** The file, if the signed-in user is a member of its workspace. */
	async function readable(request: IncomingMessage, params: RouteParams): Promise<StoredFile> {
		const user = await signedIn(request);
		const id = idSchema.safeParse(params.fileId);
		const file = id.success ? await files.get(id.data) : null;
		if (!file || !(await storage.getRole(file.workspaceId, user.id))) throw notFound();
		return file;
	}

	return [
		{
			method: 'POST',
			path: '/api/workspaces/:workspaceId/files',
			async handle(request, response, params) {
				const user = await signedIn(request);
				const workspace = idSchema.safeParse(params.workspaceId);
				if (!workspace.success || !(await storage.getRole(workspace.data, user.id))) {
					throw new HttpError(404, 'unknown_workspace', 'No such workspace.');
				}
				const file = await receiveUpload(request, files, { workspaceId: workspace.data, uploadedBy: `user:${user.id}` });
				sendJson(response, 201, { file });
			}
		},
		{
			method: 'GET',
			path: '/api/files/:fileId',
			async handle(request, response, params) {
				const file = await readable(request, params);
				await sendStoredFile(request, response, file, files.pathOf(file));
			}
		},
		{
			method: 'GET',
			path: '/api/files/:fileId/thumbnail',
			async handle(request, response, params) {
				const file = await readable(request, params);
				const thumbnail = await files.thumbnailOf(file);
				if (!thumbnail) throw new HttpError(404, 'no_thumbnail', 'This file has no preview.');
				await sendStoredFile(request, response, file, files.pathOf(file), {
					variant: { path: thumbnail, mime: 'image/webp', tag: `t${THUMBNAIL_SIZE}` }
				});
			}
		}
	];
}
