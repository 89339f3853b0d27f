import { hashPassword } from '../auth/password';
import type { AccountStore } from '../storage/types';
import { DEMO_PASSWORD, type SeedAgent } from './agents';

// Users, the workspace row and memberships: the accounts side of a seeded workspace, written
// through the storage interface. One scrypt hash serves every seeded user: they share the
// demo password, and hashing 200 times would cost seconds for nothing.

export async function createSeedAccounts(
	store: AccountStore,
	workspace: { id: string; name: string },
	agents: readonly SeedAgent[]
): Promise<void> {
	for (const agent of agents) {
		if (await store.findUserByEmail(agent.email)) {
			throw new Error(`${agent.email} already exists: seed into an empty database (a fresh --data-dir)`);
		}
	}
	await store.createWorkspace(workspace);
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	for (const agent of agents) {
		await store.createUser({ id: agent.id, email: agent.email, name: agent.name, passwordHash });
		await store.addMembership(workspace.id, agent.id, agent.role);
	}
}
