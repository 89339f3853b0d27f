import { visitorSessionSchema, type VisitorSession } from '$shared/schemas/webchat.ts';

// The visitor's token lives in this page's localStorage (the chat page is the app's origin,
// also when embedded), one per workspace. Not a cookie: browsers keep cookies from a page
// embedded in another site away from it. Storage may be unavailable (private modes): then the
// chat still works, for as long as the page is open.

const key = (workspaceId: string) => `switchboard:webchat:${workspaceId}`;

export function loadVisitor(workspaceId: string): VisitorSession | null {
	try {
		const raw = localStorage.getItem(key(workspaceId));
		const parsed = visitorSessionSchema.safeParse(raw ? JSON.parse(raw) : null);
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

export function saveVisitor(workspaceId: string, session: VisitorSession): void {
	try {
		localStorage.setItem(key(workspaceId), JSON.stringify(session));
	} catch {
		// Not kept: the chat lasts as long as the page.
	}
}

export function forgetVisitor(workspaceId: string): void {
	try {
		localStorage.removeItem(key(workspaceId));
	} catch {
		// Nothing was kept.
	}
}
