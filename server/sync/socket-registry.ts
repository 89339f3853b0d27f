// Open sockets by session, so that logging out also closes that session's live sockets.
import type { WebSocket } from 'ws';

/** Hocuspocus's "Unauthorized" close code: the provider treats it as a closed session. */
export const SESSION_ENDED_CLOSE_CODE = 4401;

export class SocketRegistry {
	readonly #bySession = new Map<string, Set<WebSocket>>();

	add(sessionHash: string, socket: WebSocket) {
		let sockets = this.#bySession.get(sessionHash);
		if (!sockets) this.#bySession.set(sessionHash, (sockets = new Set()));
		sockets.add(socket);
		socket.once('close', () => {
			sockets.delete(socket);
			if (sockets.size === 0 && this.#bySession.get(sessionHash) === sockets) this.#bySession.delete(sessionHash);
		});
	}

	closeSession(sessionHash: string) {
		for (const socket of this.#bySession.get(sessionHash) ?? []) socket.close(SESSION_ENDED_CLOSE_CODE, 'session ended');
	}

	all(): WebSocket[] {
		return [...this.#bySession.values()].flatMap((sockets) => [...sockets]);
	}
}
