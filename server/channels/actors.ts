// Who the history names for channel work: the webhook of a channel (an integration, so `api`
// with the channel's id) and the server's delivery worker (`system`).
import type { Actor } from '../../shared/schemas/actor.ts';

export const channelActor = (channelId: string): Actor => ({ kind: 'api', id: channelId });
export const DELIVERY_ACTOR: Actor = { kind: 'system', id: 'delivery' };
