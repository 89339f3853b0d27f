// Dynamic variables in snippets and messages: `{{contact.firstName}}` and friends, filled in
// when a message is sent (by an agent's composer now; by automations and broadcasts on the
// server later, hence shared). Pure: the caller passes what it knows.

export interface VariableContext {
	contact: { name: string; phone: string | null; email: string | null };
	agent: { name: string };
	workspace: { name: string };
}

export const VARIABLE_NAMES = [
	'contact.firstName',
	'contact.lastName',
	'contact.name',
	'contact.phone',
	'contact.email',
	'agent.name',
	'agent.firstName',
	'workspace.name'
] as const;
export type VariableName = (typeof VARIABLE_NAMES)[number];

// `{{ name }}` with optional spaces inside the braces; names are dotted identifiers.
const VARIABLE = /\{\{\s*([A-Za-z][\w]*(?:\.[A-Za-z][\w]*)*)\s*\}\}/g;

const isKnown = (name: string): name is VariableName => (VARIABLE_NAMES as readonly string[]).includes(name);

/** "Maria José da Silva" → first "Maria", last "José da Silva"; one word has no last name. */
export function splitName(name: string): { first: string; last: string } {
	const words = name.trim().split(/\s+/).filter(Boolean);
	return { first: words[0] ?? '', last: words.slice(1).join(' ') };
}

function valueOf(name: VariableName, ctx: VariableContext): string {
	switch (name) {
		case 'contact.firstName':
			return splitName(ctx.contact.name).first;
		case 'contact.lastName':
			return splitName(ctx.contact.name).last;
		case 'contact.name':
			return ctx.contact.name.trim();
		case 'contact.phone':
			return ctx.contact.phone ?? '';
		case 'contact.email':
			return ctx.contact.email ?? '';
		case 'agent.name':
			return ctx.agent.name.trim();
		case 'agent.firstName':
			return splitName(ctx.agent.name).first;
		case 'workspace.name':
			return ctx.workspace.name.trim();
	}
}

/**
 * Replaces every known variable with its value; a missing value (no phone) becomes empty.
 * Unknown names stay as written, so a typo is visible (the composer warns before sending)
 * rather than silently sending a message with a hole in it.
 */
export function fillVariables(text: string, ctx: VariableContext): string {
	return text.replace(VARIABLE, (whole, name: string) => (isKnown(name) ? valueOf(name, ctx) : whole));
}

/** The variables a text uses, each once, in order of first use. */
export function variablesIn(text: string): { known: VariableName[]; unknown: string[] } {
	const known = new Set<VariableName>();
	const unknown = new Set<string>();
	for (const match of text.matchAll(VARIABLE)) {
		const name = match[1] as string;
		if (isKnown(name)) known.add(name);
		else unknown.add(name);
	}
	return { known: [...known], unknown: [...unknown] };
}

/** Known variables whose value is empty for this contact (e.g. `contact.email` with no email). */
export function emptyVariables(text: string, ctx: VariableContext): VariableName[] {
	return variablesIn(text).known.filter((name) => valueOf(name, ctx) === '');
}
