// Document names are the unit of sync, storage and access control. Every part of the system
// builds and parses them here, so the server's access rules and the client's pool agree.

export const INDEX_SHARDS = 64;

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export type DocName =
	| { kind: 'workspace'; workspaceId: string }
	| { kind: 'index'; workspaceId: string; shard: number }
	| { kind: 'contact'; workspaceId: string; contactId: string }
	| { kind: 'agent'; workspaceId: string; userId: string };

export function isValidId(id: string): boolean {
	return ID.test(id) && id !== '__proto__';
}

/** FNV-1a over the id's UTF-16 units: stable on every runtime, spreads ids evenly. */
export function shardOf(contactId: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < contactId.length; i++) {
		hash ^= contactId.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0) % INDEX_SHARDS;
}

export const workspaceDocName = (workspaceId: string) => `workspace/${workspaceId}`;
export const indexDocName = (workspaceId: string, shard: number) => `index/${workspaceId}/${shard}`;
export const contactDocName = (workspaceId: string, contactId: string) => `contact/${workspaceId}/${contactId}`;
export const agentDocName = (workspaceId: string, userId: string) => `agent/${workspaceId}/${userId}`;

export function indexDocNames(workspaceId: string): string[] {
	return Array.from({ length: INDEX_SHARDS }, (_, shard) => indexDocName(workspaceId, shard));
}

/** Parses a document name; anything not exactly one of the four shapes is `null`. */
export function parseDocName(name: string): DocName | null {
	const parts = name.split('/');
	const [kind, workspaceId, third] = parts;
	if (!workspaceId || !isValidId(workspaceId)) return null;
	if (kind === 'workspace' && parts.length === 2) return { kind, workspaceId };
	if (parts.length !== 3 || third === undefined) return null;
	if (kind === 'index') {
		if (!/^(0|[1-9][0-9]?)$/.test(third)) return null;
		const shard = Number(third);
		return shard < INDEX_SHARDS ? { kind, workspaceId, shard } : null;
	}
	if (!isValidId(third)) return null;
	if (kind === 'contact') return { kind, workspaceId, contactId: third };
	if (kind === 'agent') return { kind, workspaceId, userId: third };
	return null;
}
