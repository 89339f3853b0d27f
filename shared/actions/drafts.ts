import { z } from 'zod';
import { agentMaps } from '../doc/agent-doc.ts';
import { idSchema, type Actor } from '../schemas/index.ts';
import { parseActor, parseInput } from './input.ts';
import { defaultEnv, type ActionEnv, type AgentDocs } from './types.ts';
import { transactAs } from './write.ts';

// A draft is the composer's text per contact in the agent's own document, so it follows the
// agent to another tab or device. Last writer wins; an empty draft deletes the key.

export const saveDraftInputSchema = z.object({ contactId: idSchema, text: z.string().max(20_000) });
export type SaveDraftInput = z.input<typeof saveDraftInputSchema>;

export function saveDraft(docs: AgentDocs, input: SaveDraftInput, actor: Actor, _env: ActionEnv = defaultEnv): void {
	const who = parseActor('saveDraft', actor);
	const { contactId, text } = parseInput('saveDraft', saveDraftInputSchema, input);
	const drafts = agentMaps(docs.agent).drafts;
	if (text === '' && !drafts.has(contactId)) return;
	if (drafts.get(contactId) === text) return;
	transactAs(docs.agent, 'saveDraft', who, () => (text === '' ? drafts.delete(contactId) : drafts.set(contactId, text)));
}
