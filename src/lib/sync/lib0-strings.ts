// A faster string reader for Yjs's decoder in the browser. Yjs reads every map key, record
// key and string value of a document through lib0's `readVarString`, which hands each one,
// however short, to `TextDecoder.decode`. In Chromium each such call costs about 0.2 µs of
// binding overhead, and a 10,000-message conversation holds about 240,000 short strings: a
// fifth of opening it went there. Short ASCII strings are built in JavaScript instead; anything
// longer or non-ASCII still goes through the TextDecoder. The build swaps this reader in for
// lib0's (vite.config.ts); Node's own TextDecoder is fast, so the server keeps lib0's.

interface Lib0Decoder {
	arr: Uint8Array;
	pos: number;
}

/** V8 builds strings shorter than this flat even when concatenated, never as a rope. */
const FLAT_CONCAT_LIMIT = 13;
/** Longer strings are not worth checking byte by byte: the TextDecoder call is amortised. */
const SHORT_LIMIT = 64;

export function makeReadVarString(
	readVarUint: (decoder: Lib0Decoder) => number,
	textDecoder: TextDecoder | null,
	fallback: (decoder: Lib0Decoder) => string
): (decoder: Lib0Decoder) => string {
	if (!textDecoder) return fallback;
	const decoder = textDecoder;
	return (source) => {
		const length = readVarUint(source);
		const start = source.pos;
		const bytes = source.arr;
		const end = start + length;
		// As lib0 does: a corrupt update must not read past its own bytes.
		if (end > bytes.length) throw new Error('Unexpected end of array');
		source.pos = end;
		if (length <= SHORT_LIMIT) {
			let ascii = true;
			for (let i = start; i < end; i++) {
				if ((bytes[i] as number) > 127) {
					ascii = false;
					break;
				}
			}
			if (ascii) {
				if (length >= FLAT_CONCAT_LIMIT) return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
				let text = '';
				for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i] as number);
				return text;
			}
		}
		return decoder.decode(bytes.subarray(start, end));
	};
}
