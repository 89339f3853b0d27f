import type { Actor, ConversationEvent, Message } from '$shared/schemas/index.ts';
import { CHANNEL_LABELS } from './channel.ts';
import { dateFormat } from './date-format.ts';

// The words of the message history: who sent a message from the platform, and one line per
// conversation event saying what happened and who did it (an agent, automation, a bot, the API).

export interface NameLookup {
	/** The signed-in agent, who reads "you". */
	me: string;
	member: (userId: string) => string | null;
	tag: (key: string) => string | null;
	workspaceName: string;
}

export type EventTone = 'neutral' | 'done' | 'pending' | 'snooze' | 'assign' | 'tag' | 'survey' | 'bot' | 'page';

export interface EventLine {
	text: string;
	tone: EventTone;
	/** A link after the text (the page a web chat visitor moved to). */
	link?: { label: string; href: string };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Who did it, as the end of "… by X". */
export function actorName(actor: Actor, names: NameLookup): string {
	switch (actor.kind) {
		case 'user':
			return actor.id === names.me ? 'you' : (names.member(actor.id) ?? 'a former agent');
		case 'automation':
			return 'automation';
		case 'bot':
			return 'the bot';
		case 'api':
			return 'the API';
		case 'system':
			return 'Switchboard';
	}
}

function agentName(userId: unknown, names: NameLookup): string {
	if (typeof userId !== 'string') return 'someone';
	return userId === names.me ? 'you' : (names.member(userId) ?? 'a former agent');
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

/** "Survey “NPS”" or "Survey", from whichever name the event carries. */
function named(kind: string, data: ConversationEvent['data']): string {
	const name = text(data.name) ?? text(data.title);
	return name ? `${kind} “${name}”` : kind;
}

/** Surveys can be started or canceled by a broadcast; the event says so in `data.via`. */
function byWhom(event: ConversationEvent, names: NameLookup): string {
	const via = text(event.data.via);
	if (via === 'broadcast') return 'by a broadcast';
	return `by ${actorName(event.actor, names)}`;
}

export function describeEvent(event: ConversationEvent, names: NameLookup): EventLine {
	const by = byWhom(event, names);
	const data = event.data;
	switch (event.type) {
		case 'contact_created': {
			const channel = text(data.channel);
			const label = channel && channel in CHANNEL_LABELS ? CHANNEL_LABELS[channel as keyof typeof CHANNEL_LABELS] : null;
			return { text: label ? `Contact created via ${label}` : 'Contact created', tone: 'neutral' };
		}
		case 'assigned':
			if (event.actor.kind === 'user' && data.assignee === event.actor.id) {
				return { text: `${capitalise(actorName(event.actor, names))} took this conversation`, tone: 'assign' };
			}
			return { text: `Assigned to ${agentName(data.assignee, names)} ${by}`, tone: 'assign' };
		case 'unassigned':
			return {
				text: data.previous ? `Unassigned from ${agentName(data.previous, names)} ${by}` : `Unassigned ${by}`,
				tone: 'assign'
			};
		case 'marked_done':
			return { text: `Marked done ${by}`, tone: 'done' };
		case 'marked_pending':
			if (data.reason === 'inbound') return { text: 'Reopened: the contact wrote again', tone: 'pending' };
			return { text: `Marked pending ${by}`, tone: 'pending' };
		case 'snoozed': {
			const until = typeof data.until === 'number' ? new Date(data.until) : null;
			const when = until ? ` until ${dateFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(until)}` : '';
			return { text: `Snoozed${when} ${by}`, tone: 'snooze' };
		}
		case 'unsnoozed':
			return {
				text: event.actor.kind === 'system' ? 'Snooze ended' : `Unsnoozed ${by}`,
				tone: 'snooze'
			};
		case 'tag_added':
		case 'tag_removed': {
			const label = text(data.label) ?? (typeof data.tag === 'string' ? (names.tag(data.tag) ?? data.tag) : 'a tag');
			const verb = event.type === 'tag_added' ? 'added' : 'removed';
			return { text: `Tag “${label}” ${verb} ${by}`, tone: 'tag' };
		}
		case 'profile_updated':
			return { text: `${capitalise(text(data.field) ?? 'Profile')} changed ${by}`, tone: 'neutral' };
		case 'broadcast_sent':
			return { text: `${named('Broadcast', data)} sent ${by}`, tone: 'neutral' };
		case 'survey_started':
			return { text: `${named('Survey', data)} started ${by}`, tone: 'survey' };
		case 'survey_canceled':
			return { text: `${named('Survey', data)} canceled ${by}`, tone: 'survey' };
		case 'survey_completed':
			return { text: `${named('Survey', data)} completed`, tone: 'survey' };
		case 'survey_failed': {
			const reason = text(data.error) ?? text(data.reason);
			return { text: `${named('Survey', data)} failed${reason ? `: ${reason}` : ''}`, tone: 'survey' };
		}
		case 'bot_status_on':
			return { text: `Bot turned on ${by}`, tone: 'bot' };
		case 'bot_status_off':
			return { text: `Bot turned off ${by}`, tone: 'bot' };
		case 'page_change': {
			const url = text(data.url);
			const title = text(data.title);
			// Only web addresses become links: a `javascript:` URL from a hostile widget stays text.
			if (url && /^https?:\/\//i.test(url)) {
				return { text: 'Visitor moved to', tone: 'page', link: { label: title ?? url, href: url } };
			}
			return { text: `Visitor moved to ${title ?? url ?? 'another page'}`, tone: 'page' };
		}
	}
}

/** Who sent a message from the platform; null for the contact's own messages. */
export function senderLabel(message: Message, names: NameLookup): string | null {
	const { kind, id } = message.sender;
	switch (kind) {
		case 'contact':
			return null;
		case 'user':
			return (id && names.member(id)) ?? 'A former agent';
		case 'automation':
			return 'Automation';
		case 'bot':
			return 'Bot';
		case 'away':
			return 'Away Message';
		case 'greeting':
			return `${names.workspaceName} (Greeting)`;
		case 'broadcast':
			return 'Broadcast';
		case 'survey':
			return 'Survey';
		case 'api':
			return 'API';
	}
}
