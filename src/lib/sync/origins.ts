// Transaction origins the client itself uses. Shared actions use `ActionOrigin`
// (`$shared/actions/types.ts`) and each HocuspocusProvider uses itself for what it applies.
// Persistence must skip only what it loaded itself: everything else is new and is stored.

export interface LocalLoadOrigin {
	kind: 'local-load';
}

/** Updates applied from IndexedDB: already stored, so persistence ignores them. */
export const localLoadOrigin: LocalLoadOrigin = Object.freeze({ kind: 'local-load' });
