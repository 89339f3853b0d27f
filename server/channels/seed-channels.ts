// The server-side rows of seeded channels: each gets a fresh random secret and no outbound URL.
// Nobody knows the secrets; the simulator (or an owner in Settings → Channels) rotates one to
// learn it, and sets the outbound URL (docs/channels.md).
import type { Channel } from '../../shared/schemas/workspace.ts';
import type { ChannelStore } from '../storage/types.ts';
import { newChannelSecret } from './signature.ts';

export async function createChannelRows(storage: ChannelStore, workspaceId: string, channels: readonly Channel[]): Promise<void> {
	for (const channel of channels) {
		await storage.createChannel({ id: channel.id, workspaceId, type: channel.type, secret: newChannelSecret(), outboundUrl: null });
	}
}
