import { z } from 'zod';
import { agentMaps, compareNumbers, parseCount } from '../doc/agent-doc.ts';
import { indexMaps } from '../doc/index-doc.ts';
import { readCounter, readMax, writeMax } from '../doc/registers.ts';
import { idSchema, type Actor } from '../schemas/index.ts';
import { parseActor, parseInput } from './input.ts';
import { defaultEnv, type ActionEnv, type ReadDocs } from './types.ts';
import { requireContact, transactAs } from './write.ts';

// The read marker is the number of incoming messages the agent has seen, kept as a max
// register in the agent's own document: two tabs marking at once, or an old tab syncing late,
// never move it back. Unread is then `incoming − marker` with no per-message read state.

export const markReadInputSchema = z.object({ contactId: idSchema });
export type MarkReadInput = z.input<typeof markReadInputSchema>;

/** Returns the marker after the write (the contact's incoming total as this replica sees it). */
export function markRead(docs: ReadDocs, input: MarkReadInput, actor: Actor, _env: ActionEnv = defaultEnv): number {
	const who = parseActor('markRead', actor);
	const { contactId } = parseInput('markRead', markReadInputSchema, input);
	requireContact('markRead', docs.index, contactId);
	const incoming = readCounter(indexMaps(docs.index).incoming, contactId);
	const read = agentMaps(docs.agent).read;
	transactAs(docs.agent, 'markRead', who, () =>
		writeMax(read, contactId, docs.agent, incoming, compareNumbers, parseCount)
	);
	return readMax(read, contactId, compareNumbers, parseCount) ?? 0;
}
