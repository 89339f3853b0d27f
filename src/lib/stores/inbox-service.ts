import type * as Y from 'yjs';
import {
	assignContact,
	markDone,
	markPending,
	markRead,
	unassignContact
} from '$shared/actions/index.ts';
import { randomId } from '$shared/actions/types.ts';
import { userActor, type Actor } from '$shared/schemas/index.ts';
import type { WorkspaceClient } from '../sync/workspace-client.ts';

// The only way the UI changes anything: each method runs one shared action on the right
// documents as the signed-in user, and counts it as waiting until the server has it.

export class InboxService {
	readonly #client: WorkspaceClient;
	readonly #actor: Actor;

	constructor(client: WorkspaceClient) {
		this.#client = client;
		this.#actor = userActor(client.userId);
	}

	get userId(): string {
		return this.#client.userId;
	}

	assignToMe(contactId: string): Promise<void> {
		return this.assign(contactId, this.#client.userId);
	}

	async assign(contactId: string, assignee: string): Promise<void> {
		const docs = await this.#client.contactDocs(contactId);
		this.#run('assignContact', contactId, [docs.index, docs.contact], () =>
			assignContact(docs, { contactId, assignee }, this.#actor)
		);
	}

	async unassign(contactId: string): Promise<void> {
		const docs = await this.#client.contactDocs(contactId);
		this.#run('unassignContact', contactId, [docs.index, docs.contact], () =>
			unassignContact(docs, { contactId }, this.#actor)
		);
	}

	async markDone(contactId: string): Promise<void> {
		const docs = await this.#client.contactDocs(contactId);
		this.#run('markDone', contactId, [docs.index, docs.contact], () => markDone(docs, { contactId }, this.#actor));
	}

	async markPending(contactId: string): Promise<void> {
		const docs = await this.#client.contactDocs(contactId);
		this.#run('markPending', contactId, [docs.index, docs.contact], () =>
			markPending(docs, { contactId }, this.#actor)
		);
	}

	/** Moves this agent's read marker to the contact's incoming total; touches only the agent doc. */
	markRead(contactId: string): void {
		const docs = { index: this.#client.indexDoc(contactId), agent: this.#client.agentDoc };
		this.#run('markRead', contactId, [docs.agent], () => markRead(docs, { contactId }, this.#actor));
	}

	/** Runs an action and records which documents it actually changed (a no-op changes none). */
	#run(action: string, contactId: string, docs: Y.Doc[], fn: () => void): void {
		const changed = new Set<Y.Doc>();
		const listeners = docs.map((doc) => {
			const listener = () => changed.add(doc);
			doc.on('update', listener);
			return () => doc.off('update', listener);
		});
		try {
			fn();
		} finally {
			for (const off of listeners) off();
		}
		const names = [...changed].map((doc) => this.#nameOf(doc, contactId));
		this.#client.recordAction(randomId(), action, names);
	}

	#nameOf(doc: Y.Doc, contactId: string): string {
		if (doc === this.#client.agentDoc) return this.#client.agentDocName();
		if (doc === this.#client.indexDoc(contactId)) return this.#client.indexDocName(contactId);
		return this.#client.contactDocName(contactId);
	}
}
