/**
 * Thrown when an action's input (or actor, or a record built from them) fails its schema.
 * Always thrown before the first write, so a rejected action leaves every document untouched;
 * the HTTP layer maps it to 400 and the UI to a message.
 */
export class ActionInputError extends Error {
	override readonly name = 'ActionInputError';
	constructor(
		readonly action: string,
		message: string
	) {
		super(`${action}: ${message}`);
	}
}
