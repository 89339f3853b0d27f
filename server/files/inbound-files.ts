// Inbound attachments, stored: base64 `data` is decoded, a `url` fetched (remote-fetch.ts), and
// either way the content is checked and kept like an upload. A file that can never be had (its
// URL answers 404, it is too large, its content is not a type we take) does not cost the
// customer's message: the message is recorded with the file's description and the reason
// (`unavailable`). Trouble that may pass (network, the provider's 5xx) answers 502 instead,
// with nothing written, so the provider delivers the webhook again later.
import { HttpError } from '../http/json.ts';
import type { InboundAttachment } from '../../shared/schemas/channel-api.ts';
import type { Attachment } from '../../shared/schemas/message.ts';
import { base64Size, metadataOnlyAttachments, type InboundAttachmentStore } from '../channels/inbound-attachments.ts';
import { FileRefusedError, toAttachment, type FileService } from './file-service.ts';
import { fetchToStage, RemoteFileError, type FetchLimits } from './remote-fetch.ts';

export type InboundFetchLimits = Omit<FetchLimits, 'maxBytes'>;

export class StoringInboundAttachments implements InboundAttachmentStore {
	readonly #files: FileService;
	readonly #limits: FetchLimits;

	constructor(files: FileService, limits: InboundFetchLimits) {
		this.#files = files;
		this.#limits = { ...limits, maxBytes: files.uploadLimit };
	}

	async accept(workspaceId: string, attachment: InboundAttachment, channelId: string): Promise<Attachment> {
		const origin = { workspaceId, uploadedBy: `channel:${channelId}`, name: attachment.name, claimedMime: attachment.mime };
		try {
			if (attachment.data !== undefined) {
				if (base64Size(attachment.data) > this.#files.uploadLimit) throw this.#files.tooLarge();
				const bytes = Buffer.from(attachment.data, 'base64');
				return toAttachment(await this.#files.store(origin, [bytes]));
			}
			const staged = await fetchToStage(attachment.url ?? '', this.#limits, this.#files.blobs);
			return toAttachment(await this.#files.storeStaged(origin, staged));
		} catch (error) {
			if (error instanceof RemoteFileError && error.transient) {
				throw new HttpError(502, 'attachment_unavailable', `Could not fetch “${attachment.name}”: ${error.message}. Try again later.`, {
					field: 'attachments'
				});
			}
			if (error instanceof FileRefusedError || error instanceof RemoteFileError) {
				const described = await metadataOnlyAttachments.accept(workspaceId, attachment, channelId);
				return { ...described, unavailable: error.message.slice(0, 200) };
			}
			throw error;
		}
	}
}
