import type { ChannelType } from '../../shared/schemas/index';
import { emailAddress, phoneNumber } from './pools/contact-details';
import { TOPICS, type Topic } from './pools/inbound-texts';
import { FIRST_NAMES, LAST_NAMES, type Locale } from './pools/names';
import type { Prng } from './prng';

// Who a contact is: language, channel, name and the details that channel reveals (WhatsApp
// and Telegram know a phone number, e-mail an address, Instagram and Messenger only a name),
// and what they write in about.

export interface Persona {
	locale: Locale;
	channel: ChannelType;
	firstName: string;
	name: string;
	phone: string | null;
	email: string | null;
	topic: Topic;
	/** Referenced in messages and comments, so one conversation quotes one order. */
	orderNumber: string;
}

const LOCALE_WEIGHTS: readonly (readonly [Locale, number])[] = [
	['en', 40],
	['es', 20],
	['pt', 15],
	['de', 12],
	['fr', 13]
];

const CHANNEL_WEIGHTS: readonly (readonly [ChannelType, number])[] = [
	['whatsapp', 32],
	['messenger', 14],
	['instagram', 14],
	['telegram', 10],
	['webchat', 18],
	['email', 12]
];

export function newPersona(prng: Prng): Persona {
	const locale = prng.weighted(LOCALE_WEIGHTS);
	const channel = prng.weighted(CHANNEL_WEIGHTS);
	const firstName = prng.pick(FIRST_NAMES[locale]);
	const lastName = prng.pick(LAST_NAMES[locale]);
	const phone = channel === 'whatsapp' || channel === 'telegram' ? phoneNumber(prng, locale) : null;
	const wantsEmail = channel === 'email' || (channel === 'webchat' && prng.chance(0.6)) || prng.chance(0.1);
	return {
		locale,
		channel,
		firstName,
		// Social profiles sometimes show a first name only.
		name: channel === 'instagram' && prng.chance(0.3) ? firstName : `${firstName} ${lastName}`,
		phone,
		email: wantsEmail ? emailAddress(prng, firstName, lastName) : null,
		topic: prng.pick(TOPICS),
		orderNumber: String(prng.int(10_000, 99_999))
	};
}

/** Fills `{{name}}`, `{{agent}}`, `{{order}}` and `{{mention}}` in a pool text. */
export function fillText(template: string, values: { name?: string; agent?: string; order?: string; mention?: string }): string {
	return template.replace(/\{\{(name|agent|order|mention)\}\}/g, (_, key: keyof typeof values) => values[key] ?? '');
}
