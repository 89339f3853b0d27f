// A contact has no colour of its own: one is derived from its id, so it is the same for every
// agent and on every visit. Mid-dark tones, so white initials stay readable (WCAG AA, large text).

const PALETTE = ['#2f6fed', '#7a4cc2', '#c2417a', '#c2571a', '#1f8a5b', '#0f7b8a', '#5b6b82', '#a1489e', '#3d7a1f', '#b0452f'];

export function avatarColor(id: string): string {
	let hash = 0;
	for (let i = 0; i < id.length; i++) hash = (Math.imul(hash, 31) + id.charCodeAt(i)) | 0;
	return PALETTE[Math.abs(hash) % PALETTE.length] as string;
}

export function initialsOf(name: string): string {
	const parts = name.split(/\s+/).filter(Boolean).slice(0, 2);
	const initials = parts.map((part) => [...part][0]?.toUpperCase() ?? '').join('');
	return initials || '?';
}
