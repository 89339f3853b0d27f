import { redirect } from '@sveltejs/kit';
import { resolveSession } from '$lib/sync/session.ts';

// Settings are for signed-in agents; offline, the cached identity opens them read from the device.
export async function load() {
	const session = await resolveSession();
	if (session.kind === 'signed-out') redirect(307, '/login');
	return { identity: session.identity };
}
