import type { SwitchboardDb } from './db.ts';
import { SearchIndexFeed, type SearchFeedOptions } from './search-index-feed.ts';
import { clearSearchTables, MessageSearchIndex } from './search-index.ts';
import type { WorkspaceClient } from './workspace-client.ts';

// The local search of one open workspace: the index and the feed that keeps it current,
// started with the workspace client and stopped with it.

export interface LocalSearch {
	index: MessageSearchIndex;
	feed: SearchIndexFeed;
	destroy(): void;
}

export function openLocalSearch(client: WorkspaceClient, db: SwitchboardDb, options: Pick<SearchFeedOptions, 'onRead'> = {}): LocalSearch {
	const index = new MessageSearchIndex(db, client.workspaceId);
	// An open, loaded document is read in memory; others (a document still loading reads as
	// empty and would be recorded as indexed) are decoded from their stored rows.
	const feed = new SearchIndexFeed(index, { ...options, openDoc: (name) => client.pool.loadedDoc(name) });
	// In the background: documents stored while no feed ran (another tab, an older app).
	feed.catchUp().catch((error: unknown) => console.error('switchboard: search index catch-up failed', error));
	return { index, feed, destroy: () => feed.destroy() };
}

/** Forgets every indexed message, of every workspace (log-out on a shared computer). */
export const clearLocalSearch = clearSearchTables;
