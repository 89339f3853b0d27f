import { contactMaps, readComments, readEvents } from '$shared/doc/index.ts';
import type { WorkspaceClient } from '../sync/workspace-client.ts';
import { activityItems, type ActivityItem } from './activity-timeline.ts';
import { ContactDocHandle } from './details-contact-doc.ts';
import { FrameBatch, type Scheduler } from './frame.ts';

// The Activity tab's list: the contact's events and internal comments, oldest first. Only the
// two maps are observed, so incoming messages (the busiest part of the document) cost nothing.

export class ActivityStore {
	readonly #batch: FrameBatch;
	readonly #handle: ContactDocHandle;
	#items = $state.raw<ActivityItem[]>([]);
	#loaded = $state(false);

	constructor(client: WorkspaceClient, contactId: string, schedule?: Scheduler) {
		this.#batch = new FrameBatch(() => this.#refresh(), schedule);
		const request = () => this.#batch.request();
		this.#handle = new ContactDocHandle(client, contactId, {
			attach: (doc) => {
				const { events, comments } = contactMaps(doc);
				events.observe(request);
				comments.observe(request);
				return () => {
					events.unobserve(request);
					comments.unobserve(request);
				};
			},
			onState: request
		});
	}

	get items(): readonly ActivityItem[] {
		return this.#items;
	}

	get loaded(): boolean {
		return this.#loaded;
	}

	#refresh(): void {
		const doc = this.#handle.doc;
		this.#items = doc ? activityItems(readEvents(doc), readComments(doc)) : [];
		this.#loaded = this.#handle.loaded;
	}

	destroy(): void {
		this.#batch.stop();
		this.#handle.destroy();
	}
}
