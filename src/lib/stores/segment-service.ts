import { deleteSegment as deleteSegmentAction, upsertSegment } from '$shared/actions/index.ts';
import { randomId } from '$shared/actions/types.ts';
import { readSegments } from '$shared/doc/index.ts';
import type { Segment, SegmentFilter } from '$shared/schemas/index.ts';
import type { Inbox } from './inbox-session.ts';
import { filterProblem, normalizeFilter } from './segment-draft.ts';

// Saving and deleting segments: shared actions on the workspace document, run through
// InboxService.perform so the sync indicator counts them until the server has them. Every
// agent of the workspace gets the change live through the workspace document.

export class SegmentInputError extends Error {}

export interface SaveSegmentInput {
	/** The segment being edited; a new id is made when absent. */
	id: string | null;
	name: string;
	filter: SegmentFilter;
}

export function saveSegment(inbox: Inbox, input: SaveSegmentInput): Segment {
	const name = input.name.trim();
	if (name.length === 0) throw new SegmentInputError('Give the segment a name.');
	if (name.length > 100) throw new SegmentInputError('Keep the name under 100 characters.');
	const problem = filterProblem(input.filter);
	if (problem) throw new SegmentInputError(problem);
	const workspace = inbox.client.workspaceDoc;
	const existing = input.id === null ? undefined : readSegments(workspace).find((segment) => segment.id === input.id);
	return inbox.service.perform('upsertSegment', null, [workspace], () =>
		upsertSegment(
			{ workspace },
			{
				id: input.id ?? randomId(),
				name,
				filter: normalizeFilter(input.filter),
				// An edit keeps who made the segment and when.
				...(existing ? { createdBy: existing.createdBy, createdAt: existing.createdAt } : {})
			},
			inbox.service.actor
		)
	);
}

export function deleteSegment(inbox: Inbox, id: string): boolean {
	const workspace = inbox.client.workspaceDoc;
	return inbox.service.perform('deleteSegment', null, [workspace], () =>
		deleteSegmentAction({ workspace }, { id }, inbox.service.actor)
	);
}
