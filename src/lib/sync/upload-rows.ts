import type { Attachment } from '$shared/schemas/index.ts';

// What the client keeps in IndexedDB about files an agent attached (tables `uploads` and
// `outgoing` of the one Dexie database, db.ts). A file waits there — through a reload, offline
// — until the server has it; a message with files waits until all of its files are uploaded,
// and only then is written to the document (its attachments name the server's file ids).

export interface UploadRow {
	/** Made on this device; the key. */
	id: string;
	/** `{workspaceId}:{userId}`: whose file it is (another agent on this browser never sends it). */
	scope: string;
	contactId: string;
	name: string;
	/** What the browser says it is; the server checks the content. */
	mime: string;
	size: number;
	blob: Blob;
	/** The stored file, once the server took it. */
	file: Attachment | null;
	/** Why the server refused it; a refused file is never tried again. */
	error: string | null;
	/** The message it goes out with, once sent; null while it sits in the composer. */
	messageId: string | null;
	at: number;
}

export interface OutgoingRow {
	/** Made when the agent pressed send, so the message stays one message however often it is retried. */
	messageId: string;
	scope: string;
	contactId: string;
	/** The text with its variables filled in. */
	text: string;
	uploadIds: string[];
	at: number;
}
