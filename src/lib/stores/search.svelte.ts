import type { ContactSummary, LastMessage } from '$shared/schemas/index.ts';
import { queryWords, wordsOf } from '../sync/search-index-text.ts';
import type { ConversationHit, MessageSearchIndex } from '../sync/search-index.ts';
import type { ContactListStore } from './contact-list.svelte.ts';
import { ContactMatcher, parseContactQuery } from './search-contacts.ts';
import type { SegmentCatalog } from './segment-catalog.svelte.ts';

// The search bar's results: contacts found in the list rows (synchronously, on every
// keystroke) and conversations found in the local message index (asynchronously; a newer
// query always wins over an older answer). Nothing is capped: the results list is virtual.

export type SearchItem =
	| { kind: 'contact'; key: string; row: ContactSummary }
	| {
			kind: 'conversation';
			key: string;
			row: ContactSummary;
			hit: ConversationHit;
			/** False when only the list row's last message is known to match (the conversation
			 * is not on this device), so the number of matching messages is unknown. */
			complete: boolean;
		};

type ContactItem = Extract<SearchItem, { kind: 'contact' }>;
type ConversationItem = Extract<SearchItem, { kind: 'conversation' }>;

export class SearchStore {
	readonly #contacts: ContactListStore;
	readonly #catalog: SegmentCatalog;
	readonly #index: MessageSearchIndex | null;
	readonly #matcher = new ContactMatcher<ContactItem>((item) => item.row);
	#query = $state('');
	#hits = $state.raw<readonly ConversationHit[]>([]);
	/** The query the message hits belong to. */
	#hitsFor = $state('');
	#inFlight: Promise<void> | null = null;
	#warming = false;
	#again = false;

	/** Every row as a result item, built again only when the rows change (and while searching). */
	#allContactItems = $derived.by(() => this.#contacts.rows.map((row) => this.#contactItem(row)));

	#contactHits = $derived.by((): ContactItem[] => {
		const query = parseContactQuery(this.#query);
		if (!query) return [];
		this.#matcher.setTagLabels(this.#catalog.tagLabels);
		return this.#matcher.filter(this.#allContactItems, query);
	});

	/** Message words as the index matches them (one letter says too little to search on). */
	#messageWords = $derived(queryWords(this.#query).filter((word) => word.length >= 2));

	/** Every contact's last message is in its list row: those match even if never opened. */
	#lastHits = $derived.by(() => {
		if (this.#messageWords.length === 0) return [];
		this.#matcher.setTagLabels(this.#catalog.tagLabels);
		return this.#matcher.filterByLast(this.#allContactItems, this.#messageWords);
	});

	#items = $derived.by((): readonly SearchItem[] => {
		const contacts: readonly SearchItem[] = this.#contactHits;
		const conversations = this.#conversationItems();
		return conversations.length === 0 ? contacts : contacts.concat(conversations);
	});

	/**
	 * Conversations found, latest match first: those of the message index, then rows whose
	 * last message matches (already in order: the rows are sorted by their last message), the
	 * two merged rather than sorted, as a short query can find thousands.
	 */
	#conversationItems(): ConversationItem[] {
		// Local to one computation, never observed.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const indexed = new Map<string, ConversationItem>();
		for (const hit of this.#hits) {
			const row = this.#contacts.row(hit.contactId);
			if (row) indexed.set(row.id, { kind: 'conversation', key: `m:${row.id}`, row, hit, complete: true });
		}
		const complete = [...indexed.values()].sort((a, b) => b.hit.latest.at - a.hit.latest.at);
		const merged: ConversationItem[] = [];
		let next = 0;
		for (const { row } of this.#lastHits) {
			const last = row.last;
			if (!last || indexed.has(row.id)) continue;
			while (next < complete.length && (complete[next] as ConversationItem).hit.latest.at >= last.at) merged.push(complete[next++] as ConversationItem);
			merged.push(this.#lastItem(row, last));
		}
		while (next < complete.length) merged.push(complete[next++] as ConversationItem);
		return merged;
	}

	/** A conversation known only by the row's last message; one per row object, as below. */
	#lastItems = new WeakMap<ContactSummary, ConversationItem>();

	#lastItem(row: ContactSummary, last: LastMessage): ConversationItem {
		let item = this.#lastItems.get(row);
		if (!item) {
			const hit: ConversationHit = { contactId: row.id, count: 1, latest: { ...last } };
			item = { kind: 'conversation', key: `m:${row.id}`, row, hit, complete: false };
			this.#lastItems.set(row, item);
		}
		return item;
	}

	/** One item per row object, kept across keystrokes: a short query finds tens of thousands. */
	#contactItems = new WeakMap<ContactSummary, ContactItem>();

	#contactItem(row: ContactSummary): ContactItem {
		let item = this.#contactItems.get(row);
		if (!item) {
			item = { kind: 'contact', key: `c:${row.id}`, row };
			this.#contactItems.set(row, item);
		}
		return item;
	}

	constructor(contacts: ContactListStore, catalog: SegmentCatalog, index: MessageSearchIndex | null) {
		this.#contacts = contacts;
		this.#catalog = catalog;
		this.#index = index;
	}

	get query(): string {
		return this.#query;
	}

	set query(query: string) {
		this.#query = query;
		this.#searchMessages();
	}

	/** Whether the results replace the list. */
	get active(): boolean {
		return this.#query.trim().length > 0;
	}

	get contactCount(): number {
		return this.#contactHits.length;
	}

	get conversationCount(): number {
		return this.#items.length - this.#contactHits.length;
	}

	get items(): readonly SearchItem[] {
		return this.#items;
	}

	/** Still looking through messages for the current query. */
	get searchingMessages(): boolean {
		return this.active && this.#hitsFor !== this.#query;
	}

	/** Folded query words, matched anywhere in names, phones, e-mails and tags. */
	get contactWords(): string[] {
		return wordsOf(this.#query);
	}

	/** Folded query words, matched at word starts in message text. */
	get messageWords(): string[] {
		return this.#messageWords;
	}

	/** The phone digits the query spells, if it reads as a number. */
	get digits(): string {
		return parseContactQuery(this.#query)?.digits ?? '';
	}

	/**
	 * Prepares the contact texts in idle time (the search bar got focus): with 50,000 contacts,
	 * building them costs more than a frame, and should not land on the first keystroke.
	 */
	prepare(): void {
		if (this.#warming) return;
		this.#warming = true;
		this.#matcher.setTagLabels(this.#catalog.tagLabels);
		const items = this.#allContactItems;
		const idle =
			typeof requestIdleCallback === 'function'
				? (run: (deadline: () => boolean) => void) => requestIdleCallback((info) => run(() => info.timeRemaining() < 2))
				: (run: (deadline: () => boolean) => void) => {
						setTimeout(() => {
							const end = performance.now() + 8;
							run(() => performance.now() > end);
						}, 0);
					};
		const step = (from: number) =>
			idle((deadline) => {
				const next = this.#matcher.warm(items, from, deadline);
				if (next < items.length) step(next);
				else this.#warming = false;
			});
		step(0);
	}

	/** The index changed: run the current query again so new messages show up. */
	refresh(): void {
		if (this.active) this.#searchMessages();
	}

	clear(): void {
		this.query = '';
	}

	#searchMessages(): void {
		// One search at a time; keystrokes meanwhile collapse into one more run with the latest text.
		if (this.#inFlight) {
			this.#again = true;
			return;
		}
		this.#inFlight = this.#run().finally(() => {
			this.#inFlight = null;
			if (this.#again) {
				this.#again = false;
				this.#searchMessages();
			}
		});
	}

	async #run(): Promise<void> {
		// After the keystroke's own task: the list repaints from the contact rows first, and the
		// index's IndexedDB reads are set up after that.
		await new Promise((resolve) => setTimeout(resolve, 0));
		const query = this.#query;
		if (!this.#index || query.trim().length === 0) {
			this.#hits = [];
			this.#hitsFor = query;
			return;
		}
		try {
			const hits = await this.#index.search(query);
			if (!this.#again) {
				this.#hits = hits;
				this.#hitsFor = query;
			}
		} catch (error) {
			console.error('switchboard: message search failed', error);
			this.#hits = [];
			this.#hitsFor = query;
		}
	}
}
