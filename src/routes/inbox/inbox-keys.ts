// The inbox's page-wide shortcuts. Keys typed into a field belong to the field; the list and
// the search bar handle their own keys first (and mark them handled). Only Ctrl/⌘+K reaches
// search from inside a field, as in most apps.

export type InboxShortcut = 'search' | 'help' | 'next' | 'previous' | 'escape';

export function isEditable(target: EventTarget | null): boolean {
	if (!(target instanceof HTMLElement)) return false;
	if (target.isContentEditable) return true;
	const tag = target.tagName;
	if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
	if (tag !== 'INPUT') return false;
	const type = (target as HTMLInputElement).type;
	return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(type);
}

export function shortcutOf(event: KeyboardEvent): InboxShortcut | null {
	if (event.defaultPrevented || event.isComposing) return null;
	if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') return 'search';
	if (event.ctrlKey || event.metaKey || event.altKey) return null;
	if (event.key === 'Escape') return 'escape';
	if (isEditable(event.target)) return null;
	if (event.key === '/') return 'search';
	if (event.key === '?') return 'help';
	if (event.key === 'j') return 'next';
	if (event.key === 'k') return 'previous';
	return null;
}
