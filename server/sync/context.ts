// What the upgrade handler learned about a socket, handed to Hocuspocus as the connection
// context and read by the extensions.
import type { User } from '../storage/types.ts';

export type SocketContext = {
	user: User;
	/** sha256 of the session token: the socket closes when that session ends. */
	sessionHash: string;
	sessionExpiresAt: number;
};
