// `npm run seed -- --contacts 50000 --data-dir DIR --seed N --agents N`, parsed strictly: a
// typo should stop the run, not seed the default workspace into the wrong place.

export interface SeedArgs {
	contacts: number;
	dataDir: string | undefined;
	seed: number | undefined;
	agents: number | undefined;
	serverDownHours: number | undefined;
	help: boolean;
}

export const USAGE = `Usage: npm run seed -- [--contacts N] [--data-dir DIR] [--seed N] [--agents N] [--server-down-hours N]

  --contacts N   contacts to generate (default 300)
  --data-dir DIR where the SQLite database goes (default: $DATA_DIR or ./data); must be empty
  --seed N       generator seed (default 20261125): the same seed gives the same workspace
  --agents N     agents in the workspace, at least 1 (default 3: ana, ben, cara @demo.test)
  --server-down-hours N
                 snoozes that ran out in the last N hours are left for the server to wake at
                 its first start (default 12; 0 = all woken already, as on a live server)

PostgreSQL is used instead of SQLite when DATABASE_URL is set.`;

function integer(flag: string, text: string | undefined, min: number, max: number): number {
	const value = Number(text);
	if (text === undefined || !Number.isInteger(value) || value < min || value > max) {
		throw new Error(`${flag} needs an integer from ${min} to ${max}, got ${JSON.stringify(text ?? '')}`);
	}
	return value;
}

export function parseSeedArgs(argv: readonly string[]): SeedArgs {
	const args: SeedArgs = {
		contacts: 300,
		dataDir: undefined,
		seed: undefined,
		agents: undefined,
		serverDownHours: undefined,
		help: false
	};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const value = argv[i + 1];
		if (flag === '--help' || flag === '-h') args.help = true;
		else if (flag === '--contacts') args.contacts = integer(flag, value, 0, 10_000_000);
		else if (flag === '--seed') args.seed = integer(flag, value, 0, 0xffffffff);
		else if (flag === '--agents') args.agents = integer(flag, value, 1, 10_000);
		else if (flag === '--server-down-hours') args.serverDownHours = integer(flag, value, 0, 24 * 30);
		else if (flag === '--data-dir') {
			if (!value || value.startsWith('--')) throw new Error('--data-dir needs a directory');
			args.dataDir = value;
		} else throw new Error(`unknown argument ${JSON.stringify(flag)}`);
		if (flag !== '--help' && flag !== '-h') i++;
	}
	return args;
}
