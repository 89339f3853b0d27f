// What happens to a webhook's attachments. The server plugs in the storing one
// (server/files/inbound-files.ts: fetches URLs, checks the content, keeps the file in
// DATA_DIR/files); `metadataOnlyAttachments` keeps only their description (name, type, size,
// and an id derived from the content or URL) and stands in where no files are kept.
import { createHash } from 'node:crypto';
import type { InboundAttachment } from '../../shared/schemas/channel-api.ts';
import type { Attachment } from '../../shared/schemas/message.ts';

export interface InboundAttachmentStore {
	/** The message's attachment record for one webhook attachment (may store the file). */
	accept(workspaceId: string, attachment: InboundAttachment, channelId: string): Promise<Attachment>;
}

/** Bytes a base64 text decodes to, without decoding it. */
export function base64Size(data: string): number {
	const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
	return Math.floor((data.length * 3) / 4) - padding;
}

export const metadataOnlyAttachments: InboundAttachmentStore = {
	async accept(_workspaceId, attachment) {
		const source = attachment.data !== undefined ? `data:${attachment.data}` : `url:${attachment.url ?? ''}`;
		const digest = createHash('sha256').update(source).digest('base64url').slice(0, 32);
		return {
			id: `in_${digest}`,
			name: attachment.name,
			mime: attachment.mime.toLowerCase(),
			size: attachment.data !== undefined ? base64Size(attachment.data) : (attachment.size ?? 0)
		};
	}
};
