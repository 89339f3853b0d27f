import { redirect } from '@sveltejs/kit';

// `/settings` opens its first section.
export function load() {
	redirect(307, '/settings/snippets');
}
