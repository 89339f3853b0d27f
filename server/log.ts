// One line per event, with a scope, to stdout (info) and stderr (warnings, errors). Tests
// wait for some of these lines (e.g. the listening line and compaction lines), so their
// wording is part of the contract: change them together with tests/helpers/test-server.ts.
export type Logger = {
	info(message: string): void;
	warn(message: string, error?: unknown): void;
	error(message: string, error?: unknown): void;
	child(scope: string): Logger;
};

function describe(error: unknown): string {
	if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
	return String(error);
}

export function createLogger(scope = 'server'): Logger {
	const line = (message: string, error?: unknown) =>
		`[${scope}] ${message}${error === undefined ? '' : `\n${describe(error)}`}`;
	return {
		info: (message) => console.log(line(message)),
		warn: (message, error) => console.warn(line(message, error)),
		error: (message, error) => console.error(line(message, error)),
		child: (child) => createLogger(`${scope}:${child}`)
	};
}
