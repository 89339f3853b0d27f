import * as Y from 'yjs';
import type { SeededRandom } from './seeded-random.ts';

// A simulated network of Yjs replicas for convergence tests, after yjs's own TestConnector.
// Replicas hold named Y.Docs; links join two replicas (the fuzzer uses a star: every client
// linked to one server replica, which relays, like Hocuspocus). Every local or relayed update
// is captured and queued per link and direction; delivery picks a random link and mostly the
// oldest message, sometimes a later one (Yjs must cope with gaps). Disconnecting drops the
// link's queued messages and everything sent until reconnect; reconnecting runs the real sync
// handshake: each side sends its state vector, and the other answers with the diff computed
// when the vector arrives.

export type WireMessage =
	| { type: 'sync1'; doc: string; stateVector: Uint8Array }
	| { type: 'update'; doc: string; update: Uint8Array };

export interface Replica {
	readonly index: number;
	readonly name: string;
	readonly docs: Map<string, Y.Doc>;
	readonly links: Link[];
}

export class Link {
	connected = true;
	/** queues[0]: a → b; queues[1]: b → a. */
	readonly queues: [WireMessage[], WireMessage[]] = [[], []];

	constructor(
		readonly a: Replica,
		readonly b: Replica
	) {}

	/** The docs both ends hold: only those are synced over the link. */
	shared(): string[] {
		return [...this.a.docs.keys()].filter((name) => this.b.docs.has(name));
	}

	pending(): number {
		return this.queues[0].length + this.queues[1].length;
	}
}

export class SeededNetwork {
	readonly replicas: Replica[] = [];
	readonly links: Link[] = [];
	delivered = 0;

	constructor(private readonly random: SeededRandom) {}

	/** A replica holding `docNames`, each a Y.Doc with a client id from the seed. */
	addReplica(name: string, docNames: readonly string[], clientIds: () => number): Replica {
		const replica: Replica = { index: this.replicas.length, name, docs: new Map(), links: [] };
		for (const docName of docNames) {
			const doc = new Y.Doc();
			doc.clientID = clientIds();
			doc.on('update', (update: Uint8Array, origin: unknown) => this.#broadcast(replica, docName, update, origin));
			replica.docs.set(docName, doc);
		}
		this.replicas.push(replica);
		return replica;
	}

	link(a: Replica, b: Replica): Link {
		const link = new Link(a, b);
		this.links.push(link);
		a.links.push(link);
		b.links.push(link);
		this.#handshake(link);
		return link;
	}

	/** Fan-out like a sync server: to every connected link except the one the update came in on. */
	#broadcast(from: Replica, docName: string, update: Uint8Array, origin: unknown): void {
		for (const link of from.links) {
			if (!link.connected || link === origin) continue;
			const to = link.a === from ? link.b : link.a;
			if (!to.docs.has(docName)) continue;
			link.queues[link.a === from ? 0 : 1].push({ type: 'update', doc: docName, update });
		}
	}

	#handshake(link: Link): void {
		for (const docName of link.shared()) {
			link.queues[0].push({ type: 'sync1', doc: docName, stateVector: Y.encodeStateVector(link.a.docs.get(docName)!) });
			link.queues[1].push({ type: 'sync1', doc: docName, stateVector: Y.encodeStateVector(link.b.docs.get(docName)!) });
		}
	}

	disconnect(link: Link): void {
		link.connected = false;
		link.queues[0].length = 0;
		link.queues[1].length = 0;
	}

	reconnect(link: Link): void {
		if (link.connected) return;
		link.connected = true;
		this.#handshake(link);
	}

	pending(): number {
		let count = 0;
		for (const link of this.links) count += link.pending();
		return count;
	}

	/** Delivers one message from a random non-empty queue; false when all are empty. */
	deliverOne(): boolean {
		const busy = this.links.filter((link) => link.connected && link.pending() > 0);
		if (busy.length === 0) return false;
		const link = this.random.pick(busy);
		const direction = link.queues[0].length === 0 ? 1 : link.queues[1].length === 0 ? 0 : this.random.int(2);
		const queue = link.queues[direction]!;
		const at = this.random.bool(0.8) ? 0 : this.random.int(queue.length);
		const [message] = queue.splice(at, 1);
		const to = direction === 0 ? link.b : link.a;
		this.#receive(link, to, direction === 0 ? 1 : 0, message!);
		this.delivered++;
		return true;
	}

	#receive(link: Link, to: Replica, replyDirection: 0 | 1, message: WireMessage): void {
		const doc = to.docs.get(message.doc)!;
		if (message.type === 'sync1') {
			const update = Y.encodeStateAsUpdate(doc, message.stateVector);
			link.queues[replyDirection].push({ type: 'update', doc: message.doc, update });
		} else {
			Y.applyUpdate(doc, message.update, link);
		}
	}

	deliver(count: number): void {
		for (let i = 0; i < count && this.deliverOne(); i++);
	}

	/** Everyone online, every queue drained, then one more handshake round so gaps left by
	 * out-of-order delivery are filled: afterwards every replica has every update. */
	flush(): void {
		for (const link of this.links) this.reconnect(link);
		for (let round = 0; round < 2; round++) {
			while (this.deliverOne());
			for (const link of this.links) this.#handshake(link);
			while (this.deliverOne());
		}
	}
}
