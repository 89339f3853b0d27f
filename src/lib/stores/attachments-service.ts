import { sendMessage } from '$shared/actions/index.ts';
import type { Attachment } from '$shared/schemas/index.ts';
import { appDb } from '../sync/app-db.ts';
import { UploadQueue } from '../sync/upload-queue.svelte.ts';
import type { OutgoingRow } from '../sync/upload-rows.ts';
import type { WorkspaceClient } from '../sync/workspace-client.ts';
import type { InboxService } from './inbox-service.ts';

// The agent's upload queue for one workspace: files go to POST /api/workspaces/{wid}/files,
// and a message whose files are all uploaded is written with `sendMessage` through
// InboxService (so it counts as waiting until the server has it, like any other send).

export function openUploads(client: WorkspaceClient, service: InboxService): UploadQueue {
	return new UploadQueue({
		db: appDb(),
		scope: `${client.workspaceId}:${client.userId}`,
		uploadUrl: `/api/workspaces/${encodeURIComponent(client.workspaceId)}/files`,
		online: () => client.connection.status !== 'offline',
		async deliver(row: OutgoingRow, attachments: Attachment[]) {
			const docs = await client.contactDocs(row.contactId);
			service.perform('sendMessage', row.contactId, [docs.index, docs.contact], () =>
				sendMessage(docs, { contactId: row.contactId, messageId: row.messageId, text: row.text, attachments }, service.actor)
			);
		}
	});
}
