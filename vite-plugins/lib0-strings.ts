import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

// Swaps the app's string reader (src/lib/sync/lib0-strings.ts, which says why) in for lib0's
// `readVarString` in the browser build. The line replaced is lib0's own choice between its
// TextDecoder and polyfill readers; if a lib0 update changes it, the build stops here rather
// than quietly shipping without the faster reader.

const LIB0_DECODING = /[\\/]node_modules[\\/]lib0[\\/]decoding\.js$/;
export const LIB0_CHOICE = 'export const readVarString = string.utf8TextDecoder ? _readVarStringNative : _readVarStringPolyfill';
const READER = fileURLToPath(new URL('../src/lib/sync/lib0-strings.ts', import.meta.url));

export function rewriteLib0Decoding(code: string, readerPath: string): string {
	if (!code.includes(LIB0_CHOICE)) {
		throw new Error('lib0/decoding.js no longer chooses its string reader as expected: update vite-plugins/lib0-strings.ts');
	}
	return (
		`import { makeReadVarString } from ${JSON.stringify(readerPath)};\n` +
		code.replace(
			LIB0_CHOICE,
			'export const readVarString = makeReadVarString(readVarUint, string.utf8TextDecoder, _readVarStringPolyfill)'
		)
	);
}

export function lib0Strings(): Plugin {
	return {
		name: 'switchboard-lib0-strings',
		enforce: 'pre',
		transform(code, id) {
			if (!LIB0_DECODING.test(id.split('?')[0] ?? id)) return null;
			return { code: rewriteLib0Decoding(code, READER), map: null };
		}
	};
}
