import type * as Y from 'yjs';
import {
	assignContact,
	markDone,
	markPending,
	markRead,
	unassignContact
} from '$shared/actions/index.ts';
import { randomId } from '$shared/actions/types.ts';
import { workspaceDocName } from '$shared/doc/index.ts';
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

	/** The signed-in agent, as the actor of every action run through this service. */
	get actor(): Actor {
		return this.#actor;
	}

	/**
	 * Runs a shared action and records which documents it actually changed (a no-op changes
	 * none), so the sync indicator counts it as waiting until the server has all of them.
	 * Feature services (conversation, details, segments) call this; nothing else writes.
	 */
	perform<T>(action: string, contactId: string | null, docs: Y.Doc[], fn: () => T): T {
		return this.#run(action, contactId, docs, fn);
	}

	#run<T>(action: string, contactId: string | null, docs: Y.Doc[], fn: () => T): T {
		const changed = new Set<Y.Doc>();
		const listeners = docs.map((doc) => {
			const listener = () => changed.add(doc);
			doc.on('update', listener);
			return () => doc.off('update', listener);
		});
		let result: T;
		try {
			result = fn();
		} finally {
			for (const off of listeners) off();
		}
		const names = [...changed].map((doc) => this.#nameOf(doc, contactId));
		this.#client.recordAction(randomId(), action, names);
		return result;
	}

	#nameOf(doc: Y.Doc, contactId: string | null): string {
		if (doc === this.#client.agentDoc) return this.#client.agentDocName();
		if (doc === this.#client.workspaceDoc) return workspaceDocName(this.#client.workspaceId);
		if (contactId === null) throw new Error('an action on a contact document needs its contact id');
		if (doc === this.#client.indexDoc(contactId)) return this.#client.indexDocName(contactId);
		return this.#client.contactDocName(contactId);
	}
}
