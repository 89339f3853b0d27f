// The visitor's HTTP endpoints (no session cookie; the visitor's token as a bearer):
//   GET  /api/webchat/workspaces/{wid}            { workspace: { name } } — 404 without web chat
//   POST /api/webchat/workspaces/{wid}/visitors   { name, email? } → 201 { token, visitor }
//   POST /api/webchat/uploads                     a file (body), Authorization: Bearer → 201 { file }
//   GET  /api/webchat/files/{channelId}/{fileId}[/thumbnail]?e=&s=   a file link signed for a visitor
import type { IncomingMessage } from 'node:http';
import { idSchema } from '../../shared/schemas/ids.ts';
import { visitorStartSchema } from '../../shared/schemas/webchat.ts';
import type { FileService } from '../files/file-service.ts';
import { sendStoredFile } from '../files/send-file.ts';
import { THUMBNAIL_SIZE } from '../files/thumbnails.ts';
import { receiveUpload } from '../files/upload-request.ts';
import { HttpError, parseWith, readJson, sendJson } from '../http/json.ts';
import type { Route, RouteParams } from '../http/router.ts';
import type { Storage } from '../storage/types.ts';
import { KeyedBuckets } from './keyed-buckets.ts';
import { verifyFileLink } from './visitor-token.ts';
import type { Visitor, WebchatService } from './webchat-service.ts';

const tooMany = () => new HttpError(429, 'rate_limited', 'Too many requests. Wait a moment and try again.', { headers: { 'Retry-After': '30' } });

export function webchatRoutes(service: WebchatService, storage: Storage, files: FileService): Route[] {
	/** New chats per client address: 10 at once, then one a minute. */
	const starts = new KeyedBuckets(1 / 60, 10);
	/** Uploads per visitor: 10 at once, then one every 10 s. */
	const uploads = new KeyedBuckets(0.1, 10);

	const workspaceOf = (params: RouteParams) => {
		const id = idSchema.safeParse(params.workspaceId);
		if (!id.success) throw new HttpError(404, 'webchat_unavailable', 'There is no chat here.');
		return id.data;
	};

	async function bearer(request: IncomingMessage): Promise<Visitor> {
		const header = request.headers.authorization ?? '';
		const token = /^Bearer (\S+)$/.exec(header)?.[1];
		const visitor = token ? await service.authenticate(token) : null;
		if (!visitor) throw new HttpError(401, 'unauthenticated', 'Start a chat first.');
		return visitor;
	}

	async function linkedFile(request: IncomingMessage, params: RouteParams) {
		const url = new URL(request.url ?? '/', 'http://localhost');
		const channelId = idSchema.safeParse(params.channelId);
		const fileId = idSchema.safeParse(params.fileId);
		const notFound = new HttpError(404, 'unknown_file', 'No such file, or the link has expired.');
		if (!channelId.success || !fileId.success) throw notFound;
		const channel = await storage.getChannel(channelId.data);
		if (!channel || !verifyFileLink(channel, fileId.data, url.searchParams.get('e'), url.searchParams.get('s'))) throw notFound;
		const file = await files.get(fileId.data);
		if (!file || file.workspaceId !== channel.workspaceId) throw notFound;
		return file;
	}

	return [
		{
			method: 'GET',
			path: '/api/webchat/workspaces/:workspaceId',
			async handle(_request, response, params) {
				const info = await service.info(workspaceOf(params));
				if (!info) throw new HttpError(404, 'webchat_unavailable', 'There is no chat here.');
				sendJson(response, 200, info);
			}
		},
		{
			method: 'POST',
			path: '/api/webchat/workspaces/:workspaceId/visitors',
			async handle(request, response, params) {
				const workspaceId = workspaceOf(params);
				if (!starts.take(request.socket.remoteAddress ?? 'unknown')) throw tooMany();
				const body = parseWith(visitorStartSchema, await readJson(request, 4096));
				const session = await service.start(workspaceId, body);
				if (!session) throw new HttpError(404, 'webchat_unavailable', 'There is no chat here.');
				sendJson(response, 201, session);
			}
		},
		{
			method: 'POST',
			path: '/api/webchat/uploads',
			async handle(request, response) {
				const visitor = await bearer(request);
				if (!uploads.take(visitor.visitorId)) throw tooMany();
				const file = await receiveUpload(request, files, { workspaceId: visitor.workspaceId, uploadedBy: `visitor:${visitor.visitorId}` });
				sendJson(response, 201, { file });
			}
		},
		{
			method: 'GET',
			path: '/api/webchat/files/:channelId/:fileId',
			async handle(request, response, params) {
				const file = await linkedFile(request, params);
				await sendStoredFile(request, response, file, files.pathOf(file));
			}
		},
		{
			method: 'GET',
			path: '/api/webchat/files/:channelId/:fileId/thumbnail',
			async handle(request, response, params) {
				const file = await linkedFile(request, params);
				const thumbnail = await files.thumbnailOf(file);
				if (!thumbnail) throw new HttpError(404, 'no_thumbnail', 'This file has no preview.');
				await sendStoredFile(request, response, file, files.pathOf(file), {
					variant: { path: thumbnail, mime: 'image/webp', tag: `t${THUMBNAIL_SIZE}` }
				});
			}
		}
	];
}
