import { z } from 'zod';
import { idSchema, roleSchema } from '$shared/schemas/index.ts';

// The signed-in user as `GET /api/auth/me` returns it, parsed at the boundary, and cached so a
// reload with the server down still knows who is working.

export const identitySchema = z.object({
	user: z.object({ id: idSchema, email: z.string(), name: z.string() }),
	workspaces: z.array(z.object({ id: idSchema, name: z.string(), role: roleSchema }))
});
export type Identity = z.infer<typeof identitySchema>;
export type WorkspaceRef = Identity['workspaces'][number];
