// Shared Intl.DateTimeFormat instances. `Date#toLocaleString` and friends build a new formatter
// on every call, which costs tens of microseconds in Chromium; a list repainting 20 rows, or a
// conversation showing 200 messages, paid that for every time it showed.

const formats = new Map<string, Intl.DateTimeFormat>();

export function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${locale ?? ''}|${JSON.stringify(options)}`;
	let format = formats.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, options);
		formats.set(key, format);
	}
	return format;
}
