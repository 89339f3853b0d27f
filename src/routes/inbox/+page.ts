import { redirect } from '@sveltejs/kit';
import { resolveSession } from '$lib/sync/session.ts';

// Who is signed in: from the server, or from the cached identity when the server is unreachable.
export async function load() {
	const session = await resolveSession();
	if (session.kind === 'signed-out') redirect(307, '/login');
	return { identity: session.identity, offlineAtStart: session.offline };
}
