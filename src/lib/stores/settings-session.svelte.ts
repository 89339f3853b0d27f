import { createContext } from 'svelte';
import type { Role } from '$shared/schemas/index.ts';
import type { Inbox } from './inbox-session.ts';
import { CatalogueStore } from './settings-catalogue.svelte.ts';
import { SettingsService } from './settings-service.ts';

// What every settings page needs, opened once by the settings layout and shared through
// context: the signed-in agent's workspace (the same open Inbox the inbox page uses), the
// catalogues, the service that changes them, and whether this agent may change them.

export class SettingsSession {
	#inbox = $state.raw<Inbox | null>(null);
	#catalogue = $state.raw<CatalogueStore | null>(null);
	#service = $state.raw<SettingsService | null>(null);
	#failure = $state<string | null>(null);

	get inbox(): Inbox | null {
		return this.#inbox;
	}

	get catalogue(): CatalogueStore | null {
		return this.#catalogue;
	}

	get service(): SettingsService | null {
		return this.#service;
	}

	get failure(): string | null {
		return this.#failure;
	}

	/**
	 * The agent's role as the workspace document lists it (live: an owner who demotes someone
	 * takes effect at once); the role from log-in until the document has the member.
	 */
	get role(): Role | null {
		const inbox = this.#inbox;
		if (!inbox) return null;
		return this.#catalogue?.roleOf(inbox.identity.user.id) ?? inbox.workspace.role;
	}

	/** Owners change snippets, fields and channels; agents see them read-only. */
	get canManage(): boolean {
		return this.role === 'owner';
	}

	opened(inbox: Inbox): void {
		this.#catalogue?.destroy();
		this.#inbox = inbox;
		this.#catalogue = new CatalogueStore(inbox.client.workspaceDoc);
		this.#service = new SettingsService(inbox);
	}

	failed(message: string): void {
		this.#failure = message;
	}

	destroy(): void {
		this.#catalogue?.destroy();
	}
}

const [getSettingsSession, setSettingsSession] = createContext<SettingsSession>();

/** `getSettingsSession()` in any page under /settings (the channels page too). */
export { getSettingsSession, setSettingsSession };
