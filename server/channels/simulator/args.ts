// `npm run simulate -- --rate 2 [--url http://localhost:3000] …`, parsed strictly: a typo
// stops the run with the usage text instead of simulating something else.
import { parseArgs } from 'node:util';
import { z } from 'zod';

export const USAGE = `Usage: npm run simulate -- [options]

Posts signed inbound messages to a workspace's channels, and answers the replies agents send
(delivery and read reports, and sometimes a message back), so the inbox comes alive.

  --rate N          inbound messages per second (default 1; decimals allowed, e.g. 0.2)
  --url URL         the Switchboard server (default http://localhost:3000)
  --email ADDRESS   an owner of the workspace (default ana@demo.test)
  --password TEXT   their password (default switchboard)
  --workspace NAME  which of their workspaces (default: the first they own)
  --channels IDS    comma-separated channel ids to use (default: all)
  --port N          port of the simulator's own webhook endpoint (default: any free port)
  --public-url URL  how the server reaches that endpoint (default http://127.0.0.1:<port>)
  --reply P         chance (0–1) that a contact answers an agent's reply (default 0.5)
  --count N         stop after N inbound messages (default: run until Ctrl+C)
  --seed N          seed for names and texts (default: random)

The simulator makes each channel a new secret (the only way to learn one: secrets are shown
once) and points its outbound URL at itself; on exit it restores the outbound URLs. Integrations
that used the old secrets must be given the new ones.`;

const schema = z.object({
	rate: z.coerce.number().positive().max(10_000).default(1),
	url: z.url({ protocol: /^https?$/ }).default('http://localhost:3000'),
	email: z.email().default('ana@demo.test'),
	password: z.string().min(1).default('switchboard'),
	workspace: z.string().min(1).optional(),
	channels: z
		.string()
		.transform((text) => text.split(',').map((id) => id.trim()).filter(Boolean))
		.optional(),
	port: z.coerce.number().int().min(0).max(65_535).default(0),
	'public-url': z.url({ protocol: /^https?$/ }).optional(),
	reply: z.coerce.number().min(0).max(1).default(0.5),
	count: z.coerce.number().int().positive().optional(),
	seed: z.coerce.number().int().min(0).max(0xffffffff).optional()
});

export type SimulatorArgs = z.infer<typeof schema> & { help: boolean };

export function parseSimulatorArgs(argv: string[]): SimulatorArgs {
	const options = Object.fromEntries(Object.keys(schema.shape).map((name) => [name, { type: 'string' as const }]));
	const { values } = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true });
	const { help, ...rest } = values;
	const parsed = schema.safeParse(rest);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new Error(`--${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`);
	}
	return { ...parsed.data, help: help === true };
}
