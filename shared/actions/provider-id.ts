// Inbound messages are keyed by an id derived from the channel provider's message id, so the
// same webhook delivered twice lands on the same key and stays one message. Provider ids can
// be long and contain any character, so they are hashed (cyrb128, a public-domain 128-bit
// string hash by bryc: synchronous and the same on every runtime; crypto.subtle would be async).
// Collisions are not a practical concern: ids are compared within one contact's document only.

function cyrb128(text: string): [number, number, number, number] {
	let h1 = 1779033703;
	let h2 = 3144134277;
	let h3 = 1013904242;
	let h4 = 2773480762;
	for (let i = 0; i < text.length; i++) {
		const k = text.charCodeAt(i);
		h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
		h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
		h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
		h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
	h1 ^= h2 ^ h3 ^ h4;
	h2 ^= h1;
	h3 ^= h1;
	h4 ^= h1;
	return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';

/**
 * `p` + 24 url-safe characters (6 per 32-bit word): a valid id, the same for the same provider
 * id on every replica and runtime.
 */
export function inboundMessageId(providerMessageId: string): string {
	let id = 'p';
	for (let word of cyrb128(providerMessageId)) {
		for (let i = 0; i < 6; i++) {
			id += DIGITS[word & 63];
			word >>>= 6;
		}
	}
	return id;
}
