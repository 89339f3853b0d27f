import { z } from 'zod';

/** Ids become document names and map keys: no slashes, no `|`, never `__proto__`. */
export const idSchema = z
	.string()
	.regex(/^[A-Za-z0-9_-]{1,64}$/, 'ids are 1-64 letters, digits, _ or -')
	.refine((id) => id !== '__proto__', 'reserved id');

/** Milliseconds since the epoch. */
export const timestampSchema = z.number().int().nonnegative();
