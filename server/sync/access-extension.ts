// Who may open which document. Runs in onAuthenticate, once per document on a socket
// (never in onLoadDocument: throwing there leaks the document, hocuspocus #1156). A throw
// denies only that document: the client gets permission-denied for it and no bytes of it,
// and the other documents on the same socket keep syncing.
import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import { parseDocName } from '../../shared/doc/names.ts';
import type { Logger } from '../log.ts';
import type { Storage } from '../storage/types.ts';
import type { SocketContext } from './context.ts';

/** Rejection Hocuspocus turns into a permission-denied message with this reason. */
class AccessDenied extends Error {
	readonly reason: string;
	constructor(reason: string) {
		// No message: Hocuspocus logs hook errors that have one, and we log denials ourselves.
		super('');
		this.reason = reason;
	}
}

export class AccessExtension implements Extension {
	extensionName = 'switchboard-access';
	readonly #storage: Storage;
	readonly #log: Logger;

	constructor(storage: Storage, log: Logger) {
		this.#storage = storage;
		this.#log = log;
	}

	/** The token the provider sends is ignored: the socket was authenticated by its cookie. */
	async onAuthenticate({ documentName, context }: onAuthenticatePayload) {
		const { user, sessionExpiresAt } = context as SocketContext;
		const deny = (reason: string): never => {
			this.#log.info(`denied ${documentName} to ${user.email}: ${reason}`);
			throw new AccessDenied(reason);
		};
		if (sessionExpiresAt <= Date.now()) return deny('session-expired');
		const doc = parseDocName(documentName);
		if (!doc) return deny('invalid-document-name');
		// Read per document, not cached per socket: a removed member loses access to
		// documents opened from then on.
		const role = await this.#storage.getRole(doc.workspaceId, user.id);
		if (!role) return deny('not-a-member');
		if (doc.kind === 'agent' && doc.userId !== user.id) return deny('not-your-agent-document');
		return { role };
	}
}
