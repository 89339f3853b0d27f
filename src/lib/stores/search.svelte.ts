import type { ContactSummary } from '$shared/schemas/index.ts';
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
/** A row's contact result, which also carries its conversation result by the last message. */
type RowItems = ContactItem & { last: ConversationItem | null };

export class SearchStore {
	readonly #contacts: ContactListStore;
	readonly #catalog: SegmentCatalog;
	readonly #index: MessageSearchIndex | null;
	readonly #matcher = new ContactMatcher<RowItems>((items) => items.row);
	#query = $state('');
	#hits = $state.raw<readonly ConversationHit[]>([]);
	/** The query the message hits belong to. */
	#hitsFor = $state('');
	#inFlight: Promise<void> | null = null;
	#warming = false;
	#again = false;

	/** Every row with its result items, in list order, built again only when the rows change (and while searching). */
	#allRowItems = $derived.by(() => this.#contacts.rows.map((row) => this.#rowItems(row)));

	#contactHits = $derived.by((): ContactItem[] => {
		const query = parseContactQuery(this.#query);
		if (!query) return [];
		this.#matcher.setTagLabels(this.#catalog.tagLabels);
		return this.#matcher.filter(this.#allRowItems, query);
	});

	/** Message words as the index matches them (one letter says too little to search on). */
	#messageWords = $derived(queryWords(this.#query).filter((word) => word.length >= 2));

	/** Every contact's last message is in its list row: those match even if never opened. */
	#lastHits = $derived.by((): ConversationItem[] => {
		if (this.#messageWords.length === 0) return [];
		this.#matcher.setTagLabels(this.#catalog.tagLabels);
		const found: ConversationItem[] = [];
		for (const { last } of this.#matcher.filterByLast(this.#allRowItems, this.#messageWords)) if (last) found.push(last);
		return found;
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
			// Not `row()`: a reactive read per hit; the results depend on `rows` already.
			const row = this.#contacts.peek(hit.contactId);
			if (row) indexed.set(row.id, { kind: 'conversation', key: `m:${row.id}`, row, hit, complete: true });
		}
		const lastHits = this.#lastHits;
		if (indexed.size === 0) return lastHits;
		const complete = [...indexed.values()].sort((a, b) => b.hit.latest.at - a.hit.latest.at);
		const merged: ConversationItem[] = [];
		let next = 0;
		for (const item of lastHits) {
			if (indexed.has(item.row.id)) continue;
			const at = item.hit.latest.at;
			while (next < complete.length && (complete[next] as ConversationItem).hit.latest.at >= at) merged.push(complete[next++] as ConversationItem);
			merged.push(item);
		}
		while (next < complete.length) merged.push(complete[next++] as ConversationItem);
		return merged;
	}

	/** A row's result items, kept per row object: a short query finds tens of thousands. */
	#rowItemsCache = new WeakMap<ContactSummary, RowItems>();

	#rowItems(row: ContactSummary): RowItems {
		let items = this.#rowItemsCache.get(row);
		if (!items) {
			const last = row.last;
			items = {
				kind: 'contact',
				key: `c:${row.id}`,
				row,
				// A conversation known only by the row's last message (it may not be on this device).
				last: last
					? { kind: 'conversation', key: `m:${row.id}`, row, hit: { contactId: row.id, count: 1, latest: last }, complete: false }
					: null
			};
			this.#rowItemsCache.set(row, items);
		}
		return items;
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
	 * Prepares the result items and contact texts in idle time (the search bar got focus): with
	 * 50,000 contacts, building them costs more than a frame, and should not land on the first
	 * keystroke. The rows' items first, in slices; then their texts, over the list as searched.
	 */
	prepare(): void {
		if (this.#warming) return;
		this.#warming = true;
		this.#matcher.setTagLabels(this.#catalog.tagLabels);
		const rows = this.#contacts.rows;
		const idle =
			typeof requestIdleCallback === 'function'
				? (run: (deadline: () => boolean) => void) => requestIdleCallback((info) => run(() => info.timeRemaining() < 2))
				: (run: (deadline: () => boolean) => void) => {
						setTimeout(() => {
							const end = performance.now() + 8;
							run(() => performance.now() > end);
						}, 0);
					};
		const texts = (items: readonly RowItems[], from: number) =>
			idle((deadline) => {
				const next = this.#matcher.warm(items, from, deadline);
				if (next < items.length) texts(items, next);
				else this.#warming = false;
			});
		const rowItems = (from: number) =>
			idle((deadline) => {
				let i = from;
				for (; i < rows.length && !deadline(); i++) this.#rowItems(rows[i] as ContactSummary);
				if (i < rows.length) rowItems(i);
				else texts(this.#allRowItems, 0);
			});
		rowItems(0);
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
