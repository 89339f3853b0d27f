import { z } from 'zod';
import { idSchema, timestampSchema } from './ids.ts';
import { channelTypeSchema, contactStatusSchema, directionSchema } from './contact.ts';

/**
 * Who a segment's contacts are assigned to: `anyone` = assigned to some agent, `unassigned` =
 * to no one, `agent` = to that user; `me` is read relative to the viewing agent. Leaving the
 * field out of a filter means "whoever" (see shared/query/filter.ts).
 */
export const assigneeFilterSchema = z.union([
	z.object({ kind: z.literal('anyone') }),
	z.object({ kind: z.literal('me') }),
	z.object({ kind: z.literal('unassigned') }),
	z.object({ kind: z.literal('agent'), userId: idSchema })
]);
export type AssigneeFilter = z.infer<typeof assigneeFilterSchema>;

/** Every field optional: an empty filter matches every contact. */
export const segmentFilterSchema = z.object({
	channels: z.array(channelTypeSchema).optional(),
	status: contactStatusSchema.optional(),
	assignee: assigneeFilterSchema.optional(),
	tags: z.object({ match: z.enum(['any', 'all']), keys: z.array(z.string().min(1).max(64)).min(1) }).optional(),
	lastDirection: directionSchema.optional(),
	lastActivity: z.object({ from: timestampSchema.nullable(), to: timestampSchema.nullable() }).optional(),
	snoozed: z.boolean().optional()
});
export type SegmentFilter = z.infer<typeof segmentFilterSchema>;
