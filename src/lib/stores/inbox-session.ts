import { appDb } from '../sync/app-db.ts';
import type { Identity, WorkspaceRef } from '../sync/identity.ts';
import { LocalStore } from '../sync/local-store.ts';
import { ContactPrefetch } from '../sync/prefetch.ts';
import { clearRowsSnapshots, loadRowsSnapshot, RowsSnapshotWriter } from '../sync/rows-snapshot.ts';
import { clearLocalSearch, openLocalSearch, type LocalSearch } from '../sync/search-index-session.ts';
import { logout } from '../sync/session.ts';
import type { UploadQueue } from '../sync/upload-queue.svelte.ts';
import { afterNextPaint, WorkspaceClient } from '../sync/workspace-client.ts';
import { openUploads } from './attachments-service.ts';
import { ContactListStore } from './contact-list.svelte.ts';
import { clearHeads, HeadReader, saveHead } from './conversation-head.ts';
import { InboxService } from './inbox-service.ts';
import { WorkspaceStore } from './workspace.svelte.ts';

// Opens the signed-in agent's workspace once per page life and hands the views their stores.
// Kept outside components so navigating away and back does not reopen 66 documents.

export interface Inbox {
	identity: Identity;
	workspace: WorkspaceRef;
	client: WorkspaceClient;
	contacts: ContactListStore;
	workspaceStore: WorkspaceStore;
	service: InboxService;
	/** The local message search index and its feed. */
	search: LocalSearch;
	/** Keeps assigned and recent conversations on this device for offline work. */
	prefetch: ContactPrefetch;
	/** Keeps the list rows beside the index shards, for a fast first paint on the next load. */
	rowsSnapshot: RowsSnapshotWriter;
	/** Files attached in composers, waiting to upload (and the messages waiting for them). */
	uploads: UploadQueue;
	/** The latest pages of long conversations, shown while their documents load. */
	heads: HeadReader;
}

let current: { key: string; inbox: Promise<Inbox> } | null = null;

export interface OpenInboxOptions {
	/** The server refused a document (the session ended, or access was withdrawn). */
	onDenied?: (name: string, reason: string) => void;
}

export function openInbox(identity: Identity, options: OpenInboxOptions = {}): Promise<Inbox> {
	const workspace = identity.workspaces[0];
	if (!workspace) return Promise.reject(new Error('This account is not a member of any workspace.'));
	const key = `${workspace.id}:${identity.user.id}`;
	if (current?.key === key) return current.inbox;
	const previous = current;
	const inbox = (async () => {
		if (previous) await closeInbox(previous.inbox);
		// With a snapshot of the list rows, the list paints before the index shards are rebuilt.
		const snapshot = await loadRowsSnapshot(appDb(), workspace.id);
		const heads = new HeadReader(appDb());
		const client = await WorkspaceClient.open(workspace.id, identity.user.id, {
			onDenied: options.onDenied,
			deferIndex: snapshot !== null,
			beforeLoad: (name) => heads.beforeLoad(name)
		});
		const contacts = new ContactListStore(client.indexDocs, client.agentDoc, identity.user.id, {
			initial: snapshot ? { shards: snapshot, loaded: client.indexLoads } : undefined
		});
		// The page renders the list in this task; the shards load after that frame is painted.
		if (snapshot) void afterNextPaint().then(() => client.loadIndex());
		const service = new InboxService(client);
		return {
			identity,
			workspace,
			client,
			contacts,
			workspaceStore: new WorkspaceStore(client.workspaceDoc, workspace.name),
			service,
			uploads: openUploads(client, service),
			heads,
			// The feed reads every changed contact document: it keeps long conversations' heads too.
			search: openLocalSearch(client, appDb(), { onRead: (name, doc) => saveHead(appDb(), name, doc) }),
			prefetch: new ContactPrefetch(client, () => contacts.rows, appDb()),
			rowsSnapshot: new RowsSnapshotWriter(appDb(), workspace.id, client.indexDocs, client.indexReady, snapshot === null)
		};
	})();
	current = { key, inbox };
	inbox.catch(() => {
		if (current?.inbox === inbox) current = null;
	});
	return inbox;
}

async function closeInbox(inbox: Promise<Inbox>): Promise<void> {
	const opened = await inbox.catch(() => null);
	if (!opened) return;
	opened.prefetch.destroy();
	await opened.rowsSnapshot.flush();
	opened.rowsSnapshot.destroy();
	opened.search.destroy();
	opened.uploads.destroy();
	opened.contacts.destroy();
	opened.workspaceStore.destroy();
	await opened.client.destroy();
}

/**
 * Ends the session. Local documents are deleted too (a shared computer should not keep another
 * agent's inbox), unless actions are still waiting for the server: those would be lost.
 */
export async function signOut(): Promise<void> {
	const open = current;
	current = null;
	let waiting = 0;
	if (open) {
		const inbox = await open.inbox.catch(() => null);
		waiting = inbox?.client.connection.waiting ?? 0;
		await closeInbox(open.inbox);
	}
	await logout();
	if (waiting === 0) {
		await new LocalStore(appDb()).clear();
		await clearRowsSnapshots(appDb());
		await clearLocalSearch(appDb());
		await clearHeads(appDb());
	}
}
