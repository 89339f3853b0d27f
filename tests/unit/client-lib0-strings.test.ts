import { readFileSync } from 'node:fs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { makeReadVarString } from '../../src/lib/sync/lib0-strings.ts';
import { LIB0_CHOICE, rewriteLib0Decoding } from '../../vite-plugins/lib0-strings.ts';

// The browser build reads Yjs strings with our reader instead of lib0's: it must read exactly
// what lib0 reads, and the build must notice if lib0 changes under it.

const textDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const readVarString = makeReadVarString(decoding.readVarUint, textDecoder, decoding._readVarStringPolyfill);

const SAMPLES = [
	'',
	'a',
	'id',
	'contactId',
	'twelve chars',
	'thirteen char',
	'x'.repeat(64),
	'y'.repeat(65),
	'History message 1234 of the long conversation',
	'José Ángel',
	'olá, tudo bem? 👋',
	'東京の注文',
	'tab\tnew\nline\u0000nul\u007f',
	'z'.repeat(2000) + 'é'
];

describe('the browser build’s Yjs string reader', () => {
	it('reads every string as lib0 wrote it, and leaves the decoder where lib0 would', () => {
		const encoder = encoding.createEncoder();
		for (const text of SAMPLES) {
			encoding.writeVarString(encoder, text);
			encoding.writeVarUint(encoder, 7);
		}
		const bytes = encoding.toUint8Array(encoder);
		const ours = decoding.createDecoder(bytes);
		const theirs = decoding.createDecoder(bytes);
		for (const text of SAMPLES) {
			expect(readVarString(ours)).toBe(text);
			expect(decoding.readVarString(theirs)).toBe(text);
			expect(ours.pos).toBe(theirs.pos);
			expect(decoding.readVarUint(ours)).toBe(7);
			decoding.readVarUint(theirs);
		}
		expect(ours.pos).toBe(bytes.length);
	});

	it('refuses a string running past the end, as lib0 does', () => {
		const encoder = encoding.createEncoder();
		encoding.writeVarString(encoder, 'truncated here');
		const bytes = encoding.toUint8Array(encoder).subarray(0, 8);
		const ours = decoding.createDecoder(bytes);
		const theirs = decoding.createDecoder(bytes);
		expect(() => decoding.readVarString(theirs)).toThrow(/Unexpected end of array/);
		expect(() => readVarString(ours)).toThrow(/Unexpected end of array/);
	});

	it('is swapped into the installed lib0, and the build stops if lib0 changes', () => {
		const source = readFileSync(new URL('../../node_modules/lib0/decoding.js', import.meta.url), 'utf8');
		const rewritten = rewriteLib0Decoding(source, '/reader.ts');
		expect(rewritten).toContain('import { makeReadVarString } from "/reader.ts";');
		expect(rewritten).toContain('export const readVarString = makeReadVarString(readVarUint, string.utf8TextDecoder, _readVarStringPolyfill)');
		expect(rewritten).not.toContain(LIB0_CHOICE);
		expect(() => rewriteLib0Decoding(source.replace(LIB0_CHOICE, 'export const readVarString = x'), '/reader.ts')).toThrow(
			/no longer chooses its string reader/
		);
	});
});
