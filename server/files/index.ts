// Files, assembled: the content-addressed store in DATA_DIR/files, the service that checks and
// records files, the agents' routes, and the inbound attachment store channels plug in.
// server/index.ts wires these; web chat uses the service for its visitors' files.
import path from 'node:path';
import type { Config } from '../config.ts';
import type { Route } from '../http/router.ts';
import type { Storage } from '../storage/types.ts';
import { BlobStore } from './blob-store.ts';
import { fileRoutes } from './file-routes.ts';
import { FileService } from './file-service.ts';
import { StoringInboundAttachments } from './inbound-files.ts';
import { Thumbnails } from './thumbnails.ts';

export type FilesConfig = Pick<Config, 'dataDir' | 'uploadLimit' | 'fileFetchTimeoutMs' | 'fileFetchAllowPrivate'>;

export type Files = {
	service: FileService;
	routes: Route[];
	inboundAttachments: StoringInboundAttachments;
};

export async function createFiles(config: FilesConfig, storage: Storage): Promise<Files> {
	const blobs = new BlobStore(path.resolve(config.dataDir));
	await blobs.init();
	const service = new FileService(storage, blobs, new Thumbnails(blobs), config.uploadLimit);
	return {
		service,
		routes: fileRoutes(storage, service),
		inboundAttachments: new StoringInboundAttachments(service, {
			timeoutMs: config.fileFetchTimeoutMs,
			allowPrivate: config.fileFetchAllowPrivate
		})
	};
}
