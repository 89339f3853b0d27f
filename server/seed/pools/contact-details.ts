import type { Prng } from '../prng';
import type { Locale } from './names';

// Phone numbers and e-mail addresses that look real but reach nobody: numbers come from the
// ranges regulators reserve for fiction where one exists (US 555-01xx, UK 07700 900xxx,
// France 06 39 98 xx xx), and addresses use the documentation domains of RFC 2606.

const digits = (prng: Prng, count: number) => {
	let out = '';
	for (let i = 0; i < count; i++) out += String(prng.int(0, 9));
	return out;
};

const PHONE_FORMATS: Record<Locale, readonly ((prng: Prng) => string)[]> = {
	en: [
		(p) => `+1${p.pick(['212', '312', '415', '512', '617', '720', '206'])}55501${digits(p, 2)}`,
		(p) => `+447700900${digits(p, 3)}`
	],
	// Spain, Mexico and Germany publish no fictional mobile range; these follow the real
	// formats, and the seed never sends anything to them.
	es: [(p) => `+346${digits(p, 8)}`, (p) => `+5255${digits(p, 8)}`],
	pt: [(p) => `+55119${digits(p, 8)}`, (p) => `+3519${p.pick(['1', '3', '6'])}${digits(p, 7)}`],
	de: [(p) => `+491${p.pick(['51', '52', '60', '70', '76'])}${digits(p, 8)}`],
	fr: [(p) => `+3363998${digits(p, 4)}`]
};

export function phoneNumber(prng: Prng, locale: Locale): string {
	return prng.pick(PHONE_FORMATS[locale])(prng);
}

const DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example.com', 'shop.example.org'];

/** Folds "Müller" to "muller", so addresses stay plain ASCII like most real ones. */
const fold = (text: string) =>
	text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z]/g, '');

/** `maria.garcia87@example.com`: a few styles, like a real address book. */
export function emailAddress(prng: Prng, first: string, last: string): string {
	const f = fold(first);
	const l = fold(last);
	const local = prng.weighted<string>([
		[`${f}.${l}`, 4],
		[`${f}${l}${prng.int(1, 99)}`, 2],
		[`${f[0] ?? 'x'}${l}`, 2],
		[`${f}_${prng.int(1970, 2006)}`, 1]
	]);
	return `${local}@${prng.pick(DOMAINS)}`;
}
