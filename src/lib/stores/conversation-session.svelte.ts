import type { HocuspocusProvider } from '@hocuspocus/provider';
import { ComposerStore } from './composer.svelte.ts';
import { ConversationActions } from './conversation-service.ts';
import { ConversationStore } from './conversation.svelte.ts';
import type { Inbox } from './inbox-session.ts';
import { PresenceStore, type PresenceUser } from './presence.svelte.ts';

// Opening one conversation: its document (IndexedDB first), the history store, presence on the
// document's awareness, the composer with the stored draft, and the actions. `close()` undoes
// all of it: observers off, draft saved, presence withdrawn.

/** The contact document's sync state as the conversation needs it. */
export class ConversationSync {
	readonly #inbox: Inbox;
	readonly #docName: string;
	readonly #provider: HocuspocusProvider | null;
	#synced = $state(false);
	/** Bumped when the provider's acknowledgement count moves, to re-ask `waitingSince`. */
	#acks = $state(0);
	readonly #onSynced = () => (this.#synced = true);
	readonly #onUnsynced = () => this.#acks++;

	constructor(inbox: Inbox, docName: string, provider: HocuspocusProvider | null) {
		this.#inbox = inbox;
		this.#docName = docName;
		this.#provider = provider;
		this.#synced = provider?.isSynced ?? false;
		provider?.on('synced', this.#onSynced);
		provider?.on('unsyncedChanges', this.#onUnsynced);
	}

	/** The server's copy has arrived at least once since the document opened. */
	get synced(): boolean {
		return this.#synced;
	}

	/**
	 * When this agent's oldest change to the contact that the server has not acknowledged was
	 * made, or null. An own queued message at or after that time is still only on this device.
	 */
	get waitingSince(): number | null {
		// Both are read for their reactivity: the pending list lives outside runes.
		void this.#acks;
		void this.#inbox.client.connection.waiting;
		return this.#inbox.client.waitingSince(this.#docName);
	}

	destroy(): void {
		this.#provider?.off('synced', this.#onSynced);
		this.#provider?.off('unsyncedChanges', this.#onUnsynced);
	}
}

export interface OpenConversation {
	contactId: string;
	store: ConversationStore;
	presence: PresenceStore | null;
	composer: ComposerStore;
	actions: ConversationActions;
	sync: ConversationSync;
	close: () => void;
}

export async function openConversation(inbox: Inbox, contactId: string): Promise<OpenConversation> {
	const { client, identity, workspaceStore } = inbox;
	const docs = await client.contactDocs(contactId);
	const docName = client.contactDocName(contactId);
	const provider = client.pool.provider(docName);
	const store = new ConversationStore(contactId, { ...docs, agent: client.agentDoc });
	const actions = new ConversationActions(inbox, contactId);
	const member = workspaceStore.member(identity.user.id);
	const me: PresenceUser = {
		id: identity.user.id,
		name: member?.name ?? identity.user.name,
		color: member?.color ?? '#2f6fed'
	};
	const presence = provider?.awareness ? new PresenceStore(provider.awareness, me) : null;
	const composer = new ComposerStore(store.draft(), (text) => actions.saveDraft(text));
	const sync = new ConversationSync(inbox, docName, provider);
	return {
		contactId,
		store,
		presence,
		composer,
		actions,
		sync,
		close: () => {
			composer.destroy();
			presence?.destroy();
			sync.destroy();
			store.destroy();
		}
	};
}
