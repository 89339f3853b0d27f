/** A failed run: carries what is needed to replay it. */
export class FuzzFailure extends Error {
	override readonly name = 'FuzzFailure';
	constructor(
		readonly seed: number,
		readonly step: number,
		readonly detail: string
	) {
		super(`convergence fuzz failed (seed ${seed}, step ${step}): ${detail}`);
	}
}
