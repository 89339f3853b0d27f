import type * as Y from 'yjs';
import {
	setWorkspaceMeta,
	upsertChannel,
	upsertCustomField,
	upsertMember,
	upsertSegment,
	upsertSnippet
} from '../../shared/actions/index';
import { userActor, type Channel, type CustomField, type Snippet } from '../../shared/schemas/index';
import type { SeedAgent } from './agents';
import type { SeedClock } from './clock';

// The workspace document: name, members, channels, custom fields, segments and snippets, set
// up by the owner on the first day through the same catalogue actions the settings UI uses.
// Tags are not listed here: `addTag` creates each catalogue tag the first time an agent uses it.

export const CHANNELS: readonly Channel[] = [
	{ id: 'whatsapp', type: 'whatsapp', name: 'WhatsApp · Support', replyWindowHours: 24 },
	{ id: 'messenger', type: 'messenger', name: 'Messenger', replyWindowHours: 24 },
	{ id: 'instagram', type: 'instagram', name: 'Instagram DMs', replyWindowHours: 24 },
	{ id: 'telegram', type: 'telegram', name: 'Telegram', replyWindowHours: null },
	{ id: 'webchat', type: 'webchat', name: 'Web chat', replyWindowHours: null },
	{ id: 'email', type: 'email', name: 'support@example.com', replyWindowHours: null }
];

/** Ids the contact stories use when they fill in custom fields. */
export const FIELD = { company: 'company', orderValue: 'order_value', renewal: 'renewal_date', plan: 'plan' } as const;
export const PLANS = ['Free', 'Starter', 'Pro', 'Enterprise'] as const;

const FIELDS: readonly CustomField[] = [
	{ id: FIELD.company, label: 'Company', type: 'text', options: [], position: 1 },
	{ id: FIELD.orderValue, label: 'Order value (€)', type: 'number', options: [], position: 2 },
	{ id: FIELD.renewal, label: 'Renewal date', type: 'date', options: [], position: 3 },
	{ id: FIELD.plan, label: 'Plan', type: 'choice', options: [...PLANS], position: 4 }
];

/** The tags stories pick from; keys are `tagKeyOf(label)`. */
export const TAG = { vip: 'VIP', billing: 'Billing', bug: 'Bug', lead: 'Lead', urgent: 'Urgent' } as const;

const SNIPPETS: readonly Snippet[] = [
	{ id: 'greeting', shortcut: 'hi', text: 'Hi {{contact.firstName}}, this is {{agent.name}}. How can I help you today?' },
	{
		id: 'tracking',
		shortcut: 'tracking',
		text: 'Hi {{contact.firstName}}, your order is on its way. You will get the tracking link by e-mail within the hour.'
	},
	{ id: 'thanks', shortcut: 'thanks', text: 'Thanks for reaching out, {{contact.firstName}}! — {{agent.name}}' },
	{ id: 'hours', shortcut: 'hours', text: 'We answer Monday to Friday, 9:00–18:00, and Saturdays 10:00–14:00.' }
];

export function buildCatalogue(workspace: Y.Doc, name: string, agents: readonly SeedAgent[], clock: SeedClock): void {
	const owner = agents.find((agent) => agent.role === 'owner') ?? agents[0];
	if (!owner) throw new Error('a workspace needs at least one agent');
	const docs = { workspace };
	const actor = userActor(owner.id);
	const env = clock.env;
	setWorkspaceMeta(docs, { name }, actor, env);
	for (const agent of agents) {
		upsertMember(docs, { id: agent.id, name: agent.name, email: agent.email, role: agent.role, color: agent.color }, actor, env);
	}
	for (const channel of CHANNELS) upsertChannel(docs, channel, actor, env);
	for (const field of FIELDS) upsertCustomField(docs, field, actor, env);
	for (const snippet of SNIPPETS) upsertSnippet(docs, snippet, actor, env);
	clock.advance(60_000);
	upsertSegment(
		docs,
		{ id: 'vip-whatsapp', name: 'VIP on WhatsApp', filter: { channels: ['whatsapp'], tags: { match: 'any', keys: ['vip'] } } },
		actor,
		env
	);
	upsertSegment(
		docs,
		{
			id: 'unassigned-billing',
			name: 'Unassigned billing',
			filter: { status: 'open', assignee: { kind: 'unassigned' }, tags: { match: 'any', keys: ['billing'] } }
		},
		actor,
		env
	);
	upsertSegment(
		docs,
		{ id: 'waiting-on-us', name: 'Waiting on us', filter: { status: 'open', lastDirection: 'in', snoozed: false } },
		actor,
		env
	);
}
