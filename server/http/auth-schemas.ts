// Request and response shapes of /api/auth. (Candidates for shared/schemas once the client
// needs them; kept here until then so the server owns its contract.)
import { z } from 'zod';

export const loginRequestSchema = z.object({
	email: z.string().trim().toLowerCase().pipe(z.email()),
	password: z.string().min(1).max(1024)
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const sessionInfoSchema = z.object({
	user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
	workspaces: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(['owner', 'agent']) }))
});
/** Body of a successful log-in and of GET /api/auth/me. */
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
