// Pure functions over contact list rows, shared by every list in the client and by the API.

export { isSnoozed } from './snooze.ts';
export { activityAt, compareByRecent, sortByRecent } from './sort.ts';
export { filterContacts, matchesFilter, type QueryContext } from './filter.ts';
export {
	listFilter,
	predefinedFilter,
	PREDEFINED_SEGMENT_IDS,
	PREDEFINED_SEGMENTS,
	type PredefinedSegmentId
} from './segments.ts';
export { listContacts } from './list.ts';
export {
	indicatorState,
	unreadCount,
	type IndicatorColor,
	type IndicatorContext,
	type IndicatorState
} from './unread.ts';
export {
	contactReplyWindow,
	lastIncomingAt,
	replyWindowMessage,
	replyWindowState,
	type ReplyWindowState
} from './reply-window.ts';
