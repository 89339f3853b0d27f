import type { Member, Role } from '../../shared/schemas/index';
import { Prng } from './prng';

// The people of a seeded workspace. The three demo agents are fixed (the README and the
// log-in page name them); benchmarks add numbered agents to reach a few hundred.

export interface SeedAgent extends Member {
	role: Role;
}

export const DEMO_PASSWORD = 'switchboard';

const DEMO_AGENTS = [
	{ name: 'Ana Souza', email: 'ana@demo.test', role: 'owner', color: '#e4572e' },
	{ name: 'Ben Carter', email: 'ben@demo.test', role: 'agent', color: '#17a398' },
	{ name: 'Cara Lindqvist', email: 'cara@demo.test', role: 'agent', color: '#7c3aed' }
] as const;

const EXTRA_COLORS = ['#2563eb', '#d97706', '#db2777', '#0891b2', '#65a30d', '#9333ea', '#dc2626', '#4b5563'];

/** User ids come from the seed, so the documents (which name members by id) are reproducible. */
const userIdOf = (seed: number, email: string) => Prng.derive(seed, `user:${email}`).id(22);

/** The three demo agents, then `agent004@demo.test` … up to `count` agents in total. */
export function seedAgents(seed: number, count: number = DEMO_AGENTS.length): SeedAgent[] {
	const agents: SeedAgent[] = DEMO_AGENTS.slice(0, count).map((agent) => ({ ...agent, id: userIdOf(seed, agent.email) }));
	for (let n = agents.length + 1; n <= count; n++) {
		const number = String(n).padStart(3, '0');
		const email = `agent${number}@demo.test`;
		agents.push({
			id: userIdOf(seed, email),
			name: `Agent ${number}`,
			email,
			role: 'agent',
			color: EXTRA_COLORS[n % EXTRA_COLORS.length] ?? '#4b5563'
		});
	}
	return agents;
}
