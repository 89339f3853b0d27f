// The simulated senders: one persona per sender, kept so later messages continue the same
// conversation (same provider id, same language, same order number), with names and texts
// from the seed's pools.
import type { ChannelType } from '../../../shared/schemas/contact.ts';
import { newPersona, fillText, type Persona } from '../../seed/persona.ts';
import { emailAddress, phoneNumber } from '../../seed/pools/contact-details.ts';
import { CLOSERS, FOLLOW_UPS, OPENERS } from '../../seed/pools/inbound-texts.ts';
import type { Prng } from '../../seed/prng.ts';

export type Sender = { externalId: string; persona: Persona; messages: number };

/** The id a provider knows the sender by: a phone number, an address, or an opaque id. */
function externalIdOf(persona: Persona, type: ChannelType, prng: Prng): string {
	if ((type === 'whatsapp' || type === 'sms' || type === 'telegram') && persona.phone) return persona.phone.replace(/[^+\d]/g, '');
	if (type === 'email' && persona.email) return persona.email;
	return `${type}-${prng.id(12)}`;
}

export class People {
	readonly #prng: Prng;
	/** Senders by channel id, and by provider id for replies. */
	readonly #byChannel = new Map<string, Sender[]>();
	readonly #byExternalId = new Map<string, Sender>();

	constructor(prng: Prng) {
		this.#prng = prng;
	}

	/** A new sender now and then; mostly someone who wrote before, continuing. */
	pick(channelId: string, type: ChannelType): Sender {
		const known = this.#byChannel.get(channelId) ?? [];
		if (known.length > 0 && this.#prng.chance(0.65)) return this.#prng.pick(known);
		const persona = { ...newPersona(this.#prng), channel: type };
		// The details this channel reveals: a phone number on WhatsApp, SMS and Telegram, an address by e-mail.
		const phoneChannel = type === 'whatsapp' || type === 'sms' || type === 'telegram';
		persona.phone = phoneChannel ? (persona.phone ?? phoneNumber(this.#prng, persona.locale)) : null;
		if (type === 'email' && !persona.email) {
			persona.email = emailAddress(this.#prng, persona.firstName, persona.name.split(' ').at(-1) ?? persona.firstName);
		}
		const sender: Sender = { externalId: externalIdOf(persona, type, this.#prng), persona, messages: 0 };
		known.push(sender);
		this.#byChannel.set(channelId, known);
		this.#byExternalId.set(`${channelId}/${sender.externalId}`, sender);
		return sender;
	}

	/** The sender an agent replied to, when the simulator made them (else a stand-in). */
	find(channelId: string, externalId: string, name: string, type: ChannelType): Sender {
		const key = `${channelId}/${externalId}`;
		const existing = this.#byExternalId.get(key);
		if (existing) return existing;
		const persona = { ...newPersona(this.#prng), channel: type, name };
		const sender: Sender = { externalId, persona, messages: 1 };
		this.#byExternalId.set(key, sender);
		return sender;
	}

	/** What the sender writes next: an opener first, then follow-ups, now and then thanks. */
	nextText(sender: Sender): string {
		const { locale, topic, orderNumber, name } = sender.persona;
		const pool =
			sender.messages === 0 ? OPENERS[locale][topic] : this.#prng.chance(0.25) ? CLOSERS[locale] : FOLLOW_UPS[locale];
		sender.messages++;
		return fillText(this.#prng.pick(pool), { order: orderNumber, name });
	}
}
