import { redirect } from '@sveltejs/kit';
import { resolveSession } from '$lib/sync/session.ts';

// `/` has nothing of its own: signed-in agents go to the inbox, everyone else to log in.
export async function load() {
	const session = await resolveSession();
	redirect(307, session.kind === 'signed-in' ? '/inbox' : '/login');
}
