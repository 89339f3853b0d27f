import { describe, expect, it } from 'vitest';
import { emptyVariables, fillVariables, splitName, variablesIn, type VariableContext } from '../../shared/query/variables.ts';
import type { Snippet } from '../../shared/schemas/index.ts';
import { matchSnippets, replaceRange, snippetQueryAt } from '../../src/lib/stores/composer-snippets.ts';

// Dynamic variables are filled in at send time; snippets are found by typing `/` in the
// composer. Both are pure, so they are tested here exhaustively and end to end in the browser.

const ctx: VariableContext = {
	contact: { name: '  Maria José da Silva ', phone: '+55 11 91234-5678', email: null },
	agent: { name: 'Ben Okafor' },
	workspace: { name: 'Demo' }
};

describe('fillVariables', () => {
	it('fills every variable the composer offers', () => {
		const text =
			'{{contact.firstName}}|{{contact.lastName}}|{{contact.name}}|{{contact.phone}}|{{contact.email}}|' +
			'{{agent.name}}|{{agent.firstName}}|{{workspace.name}}';
		expect(fillVariables(text, ctx)).toBe('Maria|José da Silva|Maria José da Silva|+55 11 91234-5678||Ben Okafor|Ben|Demo');
	});

	it('accepts spaces inside the braces and repeats', () => {
		expect(fillVariables('Hi {{ contact.firstName }}, {{contact.firstName}}!', ctx)).toBe('Hi Maria, Maria!');
	});

	it('leaves unknown names and non-variables as written', () => {
		const text = 'Dear {{contact.nickname}}, {{ not a var }}, {contact.name}, {{}}';
		expect(fillVariables(text, ctx)).toBe(text);
	});

	it('is not fooled by a value that looks like a variable', () => {
		const sneaky: VariableContext = { ...ctx, contact: { ...ctx.contact, name: '{{agent.name}}' } };
		expect(fillVariables('Hi {{contact.name}}', sneaky)).toBe('Hi {{agent.name}}');
	});

	it('splits names on any whitespace; one word has no last name', () => {
		expect(splitName('Cher')).toEqual({ first: 'Cher', last: '' });
		expect(splitName(' Ana\tLima ')).toEqual({ first: 'Ana', last: 'Lima' });
		expect(splitName('')).toEqual({ first: '', last: '' });
	});

	it('lists the variables a text uses, and those that will be empty for this contact', () => {
		const text = '{{contact.email}} {{contact.firstName}} {{contact.email}} {{contact.foo}} {{agent.name}}';
		expect(variablesIn(text)).toEqual({ known: ['contact.email', 'contact.firstName', 'agent.name'], unknown: ['contact.foo'] });
		expect(emptyVariables(text, ctx)).toEqual(['contact.email']);
		expect(variablesIn('no variables')).toEqual({ known: [], unknown: [] });
	});
});

const snippets: Snippet[] = [
	{ id: 's1', shortcut: 'hello', text: 'Hello {{contact.firstName}}!' },
	{ id: 's2', shortcut: 'thanks', text: 'Thank you for waiting.' },
	{ id: 's3', shortcut: 'order-help', text: 'Could you send your order number?' },
	{ id: 's4', shortcut: 'hours', text: 'We are open 9 to 5.' }
];

describe('snippet picker', () => {
	it('opens on a slash at the start of the text or of a word, up to the caret', () => {
		expect(snippetQueryAt('/', 1)).toEqual({ start: 0, end: 1, query: '' });
		expect(snippetQueryAt('Hi /He', 6)).toEqual({ start: 3, end: 6, query: 'he' });
		expect(snippetQueryAt('line one\n/ord', 13)).toEqual({ start: 9, end: 13, query: 'ord' });
		// The caret decides: the query is what lies between the slash and it.
		expect(snippetQueryAt('/hello world', 3)).toEqual({ start: 0, end: 3, query: 'he' });
	});

	it('stays closed for a slash inside a word, a URL, or after a space', () => {
		expect(snippetQueryAt('1/2', 3)).toBeNull();
		expect(snippetQueryAt('see https://example.com/x', 25)).toBeNull();
		expect(snippetQueryAt('/hello there', 12)).toBeNull();
		expect(snippetQueryAt('no slash', 8)).toBeNull();
		expect(snippetQueryAt('', 0)).toBeNull();
	});

	it('ranks shortcut prefixes, then shortcut matches, then text matches', () => {
		expect(matchSnippets(snippets, '').map((s) => s.shortcut)).toEqual(['hello', 'thanks', 'order-help', 'hours']);
		expect(matchSnippets(snippets, 'h').map((s) => s.shortcut)).toEqual(['hello', 'hours', 'thanks', 'order-help']);
		expect(matchSnippets(snippets, 'help').map((s) => s.shortcut)).toEqual(['order-help']);
		expect(matchSnippets(snippets, 'wait').map((s) => s.shortcut)).toEqual(['thanks']);
		expect(matchSnippets(snippets, 'zzz')).toEqual([]);
		expect(matchSnippets(snippets, '', 2)).toHaveLength(2);
	});

	it('replaces the query with the snippet and puts the caret after it', () => {
		const text = 'Hi /hel and more';
		const query = snippetQueryAt(text, 7);
		expect(query).not.toBeNull();
		const result = replaceRange(text, query!.start, query!.end, snippets[0]!.text);
		expect(result).toEqual({ text: 'Hi Hello {{contact.firstName}}! and more', caret: 31 });
	});
});
