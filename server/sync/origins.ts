// Who wrote a change to a server-side Y.Doc, as the Yjs transaction origin. The storage
// extension uses it to decide what to append; Hocuspocus uses it to decide what to store
// and what to fan out through Redis.
import { Connection } from '@hocuspocus/server';

/** The origin @hocuspocus/extension-redis applies other instances' updates with. */
export const REDIS_ORIGIN = '__hocuspocus__redis__origin__';

/** State read from our own storage while a document loads: already on disk. */
export type LoadOrigin = { readonly kind: 'load' };

/** Server-side writers (channels, delivery status, snooze expiry, automations, API, seed). */
export type ServerWriter = 'channel' | 'delivery' | 'snooze' | 'automation' | 'api' | 'seed' | 'system' | 'test';
export type ServerOrigin = { readonly kind: 'server'; readonly writer: ServerWriter };

/** Every origin a server document's transaction can have. */
export type TransactionOrigin = Connection | typeof REDIS_ORIGIN | LoadOrigin | ServerOrigin;

export const LOAD_ORIGIN: LoadOrigin = Object.freeze({ kind: 'load' });

export const serverOrigin = (writer: ServerWriter): ServerOrigin => Object.freeze({ kind: 'server', writer });

export type OriginKind = 'client' | 'redis' | 'load' | 'server' | 'unknown';

export function originKind(origin: unknown): OriginKind {
	if (origin instanceof Connection) return 'client';
	if (origin === REDIS_ORIGIN) return 'redis';
	if (typeof origin === 'object' && origin !== null && 'kind' in origin) {
		if (origin.kind === 'load') return 'load';
		if (origin.kind === 'server') return 'server';
	}
	return 'unknown';
}
