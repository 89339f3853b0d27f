// Ids of users and workspaces end up in document names (`agent/{wid}/{uid}`), so they use
// the alphabet `isValidId` accepts: 16 random bytes in base64url, 22 characters.
import { randomBytes } from 'node:crypto';
import { isValidId } from '../../shared/doc/names.ts';

export const newId = () => randomBytes(16).toString('base64url');

/** The given id (checked) or a new one. */
export function checkedId(id: string | undefined): string {
	const value = id ?? newId();
	if (!isValidId(value)) throw new Error(`invalid id ${JSON.stringify(value)}`);
	return value;
}
