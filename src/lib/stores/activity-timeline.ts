import { describeEvent, actorName, type EventLine, type NameLookup } from '../format/history-text.ts';
import type { Comment, ConversationEvent, CustomField } from '$shared/schemas/index.ts';
import { formatFieldValue, type FieldKind } from './details-fields.ts';

// The Activity tab: the contact's events and the team's internal comments in one list, oldest
// first (the newest sits just above the comment box). Event wording is the history's own
// (`describeEvent`), so the conversation and the tab never disagree; profile changes get the
// field's label and new value here, which the history leaves out.

export type ActivityItem =
	| { kind: 'event'; id: string; at: number; event: ConversationEvent }
	| { kind: 'comment'; id: string; at: number; comment: Comment };

export function activityItems(events: readonly ConversationEvent[], comments: readonly Comment[]): ActivityItem[] {
	const items: ActivityItem[] = [
		...events.map((event) => ({ kind: 'event' as const, id: event.id, at: event.at, event })),
		...comments.map((comment) => ({ kind: 'comment' as const, id: comment.id, at: comment.at, comment }))
	];
	return items.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const BUILT_IN: Record<string, { label: string; kind: FieldKind }> = {
	name: { label: 'Name', kind: 'text' },
	phone: { label: 'Phone', kind: 'phone' },
	email: { label: 'Email', kind: 'email' },
	avatarUrl: { label: 'Picture', kind: 'text' }
};

/** A line for any event; profile changes say which field and what it became. */
export function describeActivity(event: ConversationEvent, names: NameLookup, fields: readonly CustomField[]): EventLine {
	if (event.type !== 'profile_updated' || typeof event.data.field !== 'string') return describeEvent(event, names);
	const field = event.data.field;
	const custom = field.startsWith('custom:') ? fields.find((f) => f.id === field.slice('custom:'.length)) : undefined;
	const known = custom ? { label: custom.label, kind: custom.type } : BUILT_IN[field];
	const label = known?.label ?? 'A field that no longer exists';
	const raw = event.data.value;
	const value = raw === undefined || raw === null || typeof raw === 'boolean' ? '' : formatFieldValue(known?.kind ?? 'text', raw);
	const by = `by ${actorName(event.actor, names)}`;
	if (field === 'avatarUrl') return { text: `Picture changed ${by}`, tone: 'neutral' };
	return { text: value ? `${label} set to “${value}” ${by}` : `${label} cleared ${by}`, tone: 'neutral' };
}
