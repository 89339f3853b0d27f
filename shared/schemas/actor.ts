import { z } from 'zod';

/** Who did something. Every event names its actor, so the history says "by automation". */
export const actorKindSchema = z.enum(['user', 'automation', 'bot', 'api', 'system']);
export type ActorKind = z.infer<typeof actorKindSchema>;

export const actorSchema = z.object({
	kind: actorKindSchema,
	id: z.string().min(1).max(64)
});
export type Actor = z.infer<typeof actorSchema>;

export const systemActor: Actor = { kind: 'system', id: 'system' };
export const userActor = (userId: string): Actor => ({ kind: 'user', id: userId });
