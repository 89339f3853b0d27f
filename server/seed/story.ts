import type * as Y from 'yjs';
import {
	addComment,
	addTag,
	assignContact,
	createContact,
	markDone,
	markRead,
	recordInboundMessage,
	sendMessage,
	setDeliveryStatus,
	snoozeContact,
	unassignContact,
	unsnoozeContact,
	updateProfileField
} from '../../shared/actions/index';
import { systemActor, userActor, type Actor } from '../../shared/schemas/index';
import type { SeedAgent } from './agents';
import { FIELD, PLANS, TAG } from './catalogue';
import type { SeedClock } from './clock';
import { fillText, newPersona, type Persona } from './persona';
import { CLOSERS, FOLLOW_UPS, OPENERS } from './pools/inbound-texts';
import { AGENT_REPLIES, AWAY_MESSAGES, BOT_GREETINGS, COMMENTS } from './pools/reply-texts';
import type { Prng } from './prng';
import type { SeedStats } from './stats';

// One contact's life over the last weeks, played through the shared actions with the actor
// who would really do each step: the channel (system) records what the contact writes, the
// web chat bot greets, an automation sends the away message and routes, agents reply, tag,
// assign, comment, snooze and close, and delivery reports come back from the channel.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Tyrell'];
const COMPANY_SUFFIXES = ['GmbH', 'Ltd', 'S.A.', 'Inc.', 'Lda', 'SAS'];

const DELIVERY: Actor = { kind: 'system', id: 'delivery' };
const BOT: Actor = { kind: 'bot', id: 'webchat-bot' };
const AWAY: Actor = { kind: 'automation', id: 'away-message' };
const ROUTER: Actor = { kind: 'automation', id: 'round-robin' };

export interface StoryContext {
	contactId: string;
	prng: Prng;
	clock: SeedClock;
	/** The seed's "now": nothing happens after it. */
	now: number;
	days: number;
	/** Snoozes that ran out in this last stretch before "now" are left for the server to wake. */
	serverDownMs: number;
	agents: readonly SeedAgent[];
	index: Y.Doc;
	contact: Y.Doc;
	workspace: Y.Doc;
	agentDocs: ReadonlyMap<string, Y.Doc>;
	stats: SeedStats;
}

/** Thrown inside a story when its next step would happen after "now": the story ends there. */
class StoryOver extends Error {}

export class ContactStory {
	readonly #c: StoryContext;
	readonly #p: Persona;
	#assignee: SeedAgent | null = null;
	#done = false;
	#snoozedUntil: number | null = null;
	#lastDirection: 'in' | 'out' = 'in';
	#unreadReply: string | null = null;
	#filed = false;
	#tags = 0;
	readonly #readers = new Set<string>();

	constructor(context: StoryContext) {
		this.#c = context;
		this.#p = newPersona(context.prng);
	}

	play(): void {
		const { prng, clock, now, days } = this.#c;
		// Skewed towards recent days, as an inbox is: most contacts wrote this week.
		clock.set(now - days * DAY * prng.float() ** 1.6 - MINUTE);
		createContact(this.#docs, {
			contactId: this.#c.contactId,
			channel: this.#p.channel,
			name: this.#p.name,
			phone: this.#p.phone,
			email: this.#p.email,
			createdAt: clock.time
		}, systemActor, clock.env);
		this.#c.stats.contacts++;
		try {
			const exchanges = 1 + Math.min(12, Math.floor(prng.exponential(5)));
			for (let e = 0; e < exchanges; e++) this.#exchange(e, e === exchanges - 1);
			this.#wrapUp();
		} catch (error) {
			if (!(error instanceof StoryOver)) throw error;
		}
		this.#count();
	}

	get #docs() {
		return { index: this.#c.index, contact: this.#c.contact, workspace: this.#c.workspace };
	}

	/** Moves the clock; past "now" the story is over. */
	#wait(ms: number): void {
		if (this.#c.clock.time + ms > this.#c.now) throw new StoryOver();
		this.#c.clock.advance(ms);
	}

	#exchange(e: number, last: boolean): void {
		const { prng } = this.#c;
		if (e > 0) this.#wait(5 * MINUTE + prng.exponential(6 * HOUR));
		const burst = 1 + Math.min(2, Math.floor(prng.exponential(e === 0 ? 0.8 : 0.5)));
		for (let b = 0; b < burst; b++) {
			if (b > 0) this.#wait(5_000 + prng.exponential(90_000));
			const { locale, topic } = this.#p;
			// The opener states the topic; a last exchange ends with thanks; others follow up.
			const pool = e === 0 && b === 0 ? OPENERS[locale][topic] : last && e > 0 ? CLOSERS[locale] : FOLLOW_UPS[locale];
			this.#inbound(prng.pick(pool));
		}
		if (e === 0) this.#firstResponse();
		if (!prng.chance(last ? 0.55 : 0.85)) return;
		this.#wait(30_000 + prng.exponential(20 * MINUTE));
		const agent = this.#assignee ?? prng.pick(this.#c.agents);
		this.#read(agent);
		if (this.#assignee === null && prng.chance(0.75)) this.#assign(agent, userActor(agent.id));
		if (!this.#filed) this.#triage(agent);
		const text = fillText(prng.pick(AGENT_REPLIES[this.#p.locale][this.#p.topic]), {
			name: this.#p.firstName,
			agent: agent.name.split(' ')[0],
			order: this.#p.orderNumber
		});
		this.#send(text, userActor(agent.id));
		if (prng.chance(0.08)) this.#comment(agent);
		if (!last && prng.chance(0.15)) this.#close(agent);
	}

	#inbound(text: string): void {
		const { clock, prng } = this.#c;
		if (this.#unreadReply) {
			// The contact saw our reply before writing again.
			this.#delivery(this.#unreadReply, 'read', -1_000);
			this.#unreadReply = null;
		}
		recordInboundMessage(this.#docs, {
			contactId: this.#c.contactId,
			providerMessageId: `${this.#p.channel}.${prng.id(24)}`,
			text: fillText(text, { order: this.#p.orderNumber }),
			at: clock.time
		}, systemActor, clock.env);
		this.#c.stats.messagesIn++;
		this.#lastDirection = 'in';
		this.#done = false;
	}

	/** Bot greeting on web chat, away message at night, and sometimes automatic routing. */
	#firstResponse(): void {
		const { prng, clock } = this.#c;
		if (this.#p.channel === 'webchat') {
			this.#wait(2_000);
			this.#send(BOT_GREETINGS[this.#p.locale], BOT, { kind: 'bot', id: BOT.id });
		}
		const hour = new Date(clock.time).getUTCHours();
		if (hour < 7 || hour >= 20) {
			this.#wait(5_000);
			this.#send(AWAY_MESSAGES[this.#p.locale], AWAY, { kind: 'away', id: null });
		}
		if (prng.chance(0.3)) {
			this.#wait(1_000);
			this.#assign(prng.pick(this.#c.agents), ROUTER);
		}
	}

	#send(text: string, actor: Actor, sender?: { kind: 'bot' | 'away'; id: string | null }): void {
		const { prng, clock, contactId } = this.#c;
		const messageId = prng.id();
		sendMessage(this.#docs, { contactId, messageId, text, ...(sender ? { sender } : {}) }, actor, clock.env);
		this.#c.stats.messagesOut++;
		this.#lastDirection = 'out';
		this.#delivery(messageId, 'sent', 1_500);
		if (prng.chance(0.03)) {
			this.#delivery(messageId, 'failed', 3_000, 'Recipient is not reachable on this channel');
			return;
		}
		this.#delivery(messageId, 'delivered', 2_000 + prng.exponential(20_000));
		this.#unreadReply = messageId;
	}

	/** A delivery report `offset` ms from now, never after the seed's "now". */
	#delivery(messageId: string, state: 'sent' | 'delivered' | 'read' | 'failed', offset: number, error?: string): void {
		const { clock, contactId, now } = this.#c;
		const at = clock.time;
		clock.set(Math.min(now, at + offset));
		setDeliveryStatus({ contact: this.#c.contact }, { contactId, messageId, attempt: 1, state, error: error ?? null }, DELIVERY, clock.env);
		clock.set(at);
	}

	#assign(agent: SeedAgent, actor: Actor): void {
		assignContact(this.#docs, { contactId: this.#c.contactId, assignee: agent.id }, actor, this.#c.clock.env);
		this.#assignee = agent;
	}

	#read(agent: SeedAgent): void {
		const agentDoc = this.#c.agentDocs.get(agent.id);
		if (!agentDoc) return;
		this.#readers.add(agent.id);
		markRead({ index: this.#c.index, agent: agentDoc }, { contactId: this.#c.contactId }, userActor(agent.id), this.#c.clock.env);
	}

	/** On the first reply the agent files the contact: topic tag, sometimes VIP, custom fields. */
	#triage(agent: SeedAgent): void {
		const { prng, contactId, clock } = this.#c;
		this.#filed = true;
		const actor = userActor(agent.id);
		const labels: string[] = [];
		const topicTag = { billing: TAG.billing, bug: TAG.bug, sales: TAG.lead, order: null, general: null }[this.#p.topic];
		if (topicTag && prng.chance(0.8)) labels.push(topicTag);
		if (prng.chance(0.08)) labels.push(TAG.vip);
		if ((this.#p.topic === 'bug' || this.#p.topic === 'order') && prng.chance(0.12)) labels.push(TAG.urgent);
		for (const label of labels) addTag(this.#docs, { contactId, label }, actor, clock.env);
		this.#tags += labels.length;
		if (!prng.chance(0.3)) return;
		const values: [string, string | number][] = [[FIELD.plan, prng.pick(PLANS)]];
		if (this.#p.topic === 'sales' || this.#p.topic === 'billing') {
			values.push([FIELD.company, `${prng.pick(COMPANIES)} ${prng.pick(COMPANY_SUFFIXES)}`]);
		}
		if (this.#p.topic === 'order') values.push([FIELD.orderValue, prng.int(900, 45_000) / 100]);
		// Dates as ISO calendar days: a renewal is a day, not an instant in some time zone.
		const renewal = new Date(clock.time + prng.int(20, 300) * DAY).toISOString().slice(0, 10);
		if (prng.chance(0.5)) values.push([FIELD.renewal, renewal]);
		for (const [field, value] of values) {
			updateProfileField(this.#docs, { contactId, field: `custom:${field}`, value }, actor, clock.env);
			this.#c.stats.customFields++;
		}
	}

	#comment(author: SeedAgent): void {
		const { prng, agents, contactId, clock } = this.#c;
		const others = agents.filter((agent) => agent.id !== author.id);
		const template = prng.pick(others.length > 0 ? COMMENTS : COMMENTS.filter((text) => !text.includes('{{mention}}')));
		const mentioned = template.includes('{{mention}}') ? prng.pick(others) : null;
		// The text shows the first name; `mentions` carries the id the notification goes to.
		const text = fillText(template, { mention: mentioned ? `@${mentioned.name.split(' ')[0]}` : '', order: this.#p.orderNumber });
		addComment({ contact: this.#c.contact }, { contactId, text, mentions: mentioned ? [mentioned.id] : [] }, userActor(author.id), clock.env);
		this.#c.stats.comments++;
	}

	#close(agent: SeedAgent): void {
		this.#wait(MINUTE + this.#c.prng.exponential(30 * MINUTE));
		markDone(this.#docs, { contactId: this.#c.contactId }, userActor((this.#assignee ?? agent).id), this.#c.clock.env);
		this.#done = true;
	}

	/** After the last message: close, snooze or hand over, and agents catch up on reading. */
	#wrapUp(): void {
		const { prng, agents, contactId, clock } = this.#c;
		const agent = this.#assignee ?? prng.pick(agents);
		const actor = userActor(agent.id);
		if (!this.#done && this.#lastDirection === 'out' && prng.chance(0.6)) this.#close(agent);
		else if (!this.#done && prng.chance(0.3)) {
			this.#wait(MINUTE + prng.exponential(10 * MINUTE));
			// "For a while" (most of those have run out by now), "until a date" still ahead,
			// and some that ran out while the server was down (see #expire).
			const { now, serverDownMs } = this.#c;
			const lapsed = now - prng.int(5 * MINUTE, Math.max(5 * MINUTE, serverDownMs));
			const until = prng.weighted<number>([
				[clock.time + prng.pick([2 * HOUR, DAY, 3 * DAY]), 0.4],
				[now + prng.pick([HOUR, 5 * HOUR, DAY, 3 * DAY]), 0.4],
				[lapsed > clock.time ? lapsed : now + HOUR, serverDownMs > 0 ? 0.2 : 0]
			]);
			snoozeContact(this.#docs, { contactId, until }, actor, clock.env);
			this.#snoozedUntil = until;
		}
		if (this.#assignee && prng.chance(0.05)) {
			this.#wait(MINUTE + prng.exponential(HOUR));
			unassignContact(this.#docs, { contactId }, actor, clock.env);
			this.#assignee = null;
		}
		for (const reader of agents) {
			if (!prng.chance(reader === this.#assignee ? 0.6 : 0.05)) continue;
			this.#read(reader);
		}
		this.#expire();
	}

	/**
	 * A live server wakes a snooze when it runs out (`unsnoozed`, by the system); the seed plays
	 * that too, except for the last `serverDownMs`: the workspace starts as if its server had
	 * been down since then, so a first start finds a few expired snoozes to wake (and a
	 * 50,000-contact workspace not thousands of them at once).
	 */
	#expire(): void {
		const { clock, contactId, now, serverDownMs } = this.#c;
		const until = this.#snoozedUntil;
		if (until === null || until > now - serverDownMs) return;
		clock.set(until);
		unsnoozeContact(this.#docs, { contactId }, systemActor, clock.env);
		this.#snoozedUntil = null;
		this.#c.stats.snoozesWoken++;
	}

	#count(): void {
		const { stats, now } = this.#c;
		if (this.#assignee) stats.assigned++;
		if (this.#done) stats.done++;
		if (this.#tags > 0) stats.tagged++;
		if (this.#snoozedUntil !== null) {
			if (this.#snoozedUntil > now) stats.snoozedFuture++;
			else stats.snoozedExpired++;
		}
		stats.readMarkers += this.#readers.size;
	}
}
