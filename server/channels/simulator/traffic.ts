// The simulated providers at work: inbound messages at a steady rate, spread over the channels,
// signed with each channel's secret; and for every reply an agent sends, a "delivered" report
// after a moment, usually a "read" one later, and sometimes an answer from the contact.
import type { DeliveryReport, OutboundMessage } from '../../../shared/schemas/channel-api.ts';
import type { Prng } from '../../seed/prng.ts';
import { signBody } from '../signature.ts';
import type { People, Sender } from './people.ts';
import type { SimulatedChannel } from './setup.ts';

/** Requests allowed in flight at once, so a high rate measures the server, not a pile-up here. */
const MAX_IN_FLIGHT = 64;

export type TrafficStats = { inbound: number; failed: number; replies: number; reports: number; lastError: string | null };

export class Traffic {
	readonly #server: string;
	readonly #channels: SimulatedChannel[];
	readonly #people: People;
	readonly #prng: Prng;
	readonly #replyChance: number;
	readonly #timers = new Set<NodeJS.Timeout>();
	readonly stats: TrafficStats = { inbound: 0, failed: 0, replies: 0, reports: 0, lastError: null };
	readonly #pending = new Set<Promise<void>>();
	#inFlight = 0;
	#messageNumber = 0;

	constructor(server: string, channels: SimulatedChannel[], people: People, prng: Prng, replyChance: number) {
		this.#server = server;
		this.#channels = channels;
		this.#people = people;
		this.#prng = prng;
		this.#replyChance = replyChance;
	}

	/** Posts `count` messages (or forever) at `rate` per second; resolves when done or stopped. */
	run(rate: number, count: number | undefined, signal: AbortSignal): Promise<void> {
		const started = Date.now();
		let sent = 0;
		return new Promise((resolve) => {
			const tick = () => {
				if (signal.aborted || (count !== undefined && sent >= count)) return resolve();
				// Catch up to where the rate says we should be; skip a beat while too much is in flight.
				const due = Math.floor(((Date.now() - started) / 1000) * rate) + 1;
				while (sent < due && this.#inFlight < MAX_IN_FLIGHT && (count === undefined || sent < count)) {
					sent++;
					this.#track(this.#postInbound());
				}
				const wait = Math.max(1, Math.min(1000, 1000 / rate));
				this.#later(wait, tick);
			};
			tick();
		});
	}

	/** An agent's reply arrived at the provider: report on it, and maybe answer. */
	delivered(message: OutboundMessage): void {
		const channel = this.#channels.find((c) => c.view.id === message.channel.id);
		if (!channel) return;
		this.#later(500 + this.#prng.exponential(1500), () => this.#track(this.#report(channel, message.deliveryId, 'delivered')));
		if (this.#prng.chance(0.8)) {
			this.#later(3000 + this.#prng.exponential(8000), () => this.#track(this.#report(channel, message.deliveryId, 'read')));
		}
		if (this.#prng.chance(this.#replyChance)) {
			const sender = this.#people.find(channel.view.id, message.recipient.id, message.recipient.name, channel.view.type);
			this.#later(4000 + this.#prng.exponential(10_000), () => this.#track(this.#postInbound(channel, sender, true)));
		}
	}

	/** Resolves when every request started so far has been answered. */
	async drain(): Promise<void> {
		while (this.#pending.size > 0) await Promise.all(this.#pending);
	}

	stop(): void {
		for (const timer of this.#timers) clearTimeout(timer);
		this.#timers.clear();
	}

	#track(work: Promise<void>) {
		this.#pending.add(work);
		void work.finally(() => this.#pending.delete(work));
	}

	#later(ms: number, run: () => void) {
		const timer = setTimeout(() => {
			this.#timers.delete(timer);
			run();
		}, ms);
		this.#timers.add(timer);
	}

	async #postInbound(channel = this.#prng.pick(this.#channels), given?: Sender, isReply = false): Promise<void> {
		const sender = given ?? this.#people.pick(channel.view.id, channel.view.type);
		const { persona } = sender;
		const body = JSON.stringify({
			messageId: `sim-${process.pid}-${Date.now()}-${++this.#messageNumber}`,
			sender: {
				id: sender.externalId,
				name: persona.name,
				...(persona.phone ? { phone: persona.phone } : {}),
				...(persona.email ? { email: persona.email } : {})
			},
			text: this.#people.nextText(sender),
			sentAt: new Date().toISOString()
		});
		const ok = await this.#post(`/api/channels/${encodeURIComponent(channel.view.id)}/inbound`, channel.secret, body);
		if (ok && isReply) this.stats.replies++;
		else if (ok) this.stats.inbound++;
	}

	async #report(channel: SimulatedChannel, deliveryId: string, status: DeliveryReport['status']): Promise<void> {
		const body = JSON.stringify({ deliveryId, status } satisfies DeliveryReport);
		if (await this.#post(`/api/channels/${encodeURIComponent(channel.view.id)}/status`, channel.secret, body)) this.stats.reports++;
	}

	async #post(path: string, secret: string, body: string): Promise<boolean> {
		this.#inFlight++;
		try {
			const response = await fetch(`${this.#server}${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-switchboard-signature': signBody(secret, body) },
				body
			});
			if (response.ok) {
				await response.body?.cancel();
				return true;
			}
			this.stats.lastError = `${path}: ${response.status} ${await response.text()}`;
		} catch (error) {
			this.stats.lastError = `${path}: ${error instanceof Error ? error.message : String(error)}`;
		} finally {
			this.#inFlight--;
		}
		this.stats.failed++;
		return false;
	}
}
