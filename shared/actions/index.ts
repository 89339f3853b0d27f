// Every change to a document goes through one of these (docs/actions.md is the catalogue).

export { ActionInputError } from './errors.ts';
export {
	actionOrigin,
	defaultEnv,
	isActionOrigin,
	randomId,
	type ActionEnv,
	type ActionOrigin,
	type AgentDocs,
	type ContactDocs,
	type ConversationDocs,
	type ReadDocs,
	type TaggingDocs,
	type WorkspaceDocs
} from './types.ts';
export { createContact, createContactInputSchema, type CreateContactInput } from './contact-create.ts';
export {
	assignContact,
	assignContactInputSchema,
	contactRefInputSchema,
	markDone,
	markPending,
	unassignContact,
	type AssignContactInput,
	type ContactRefInput
} from './triage.ts';
export { snoozeContact, snoozeContactInputSchema, unsnoozeContact, type SnoozeContactInput } from './snooze.ts';
export {
	addTag,
	addTagInputSchema,
	removeTag,
	removeTagInputSchema,
	tagColorOf,
	tagKeySchema,
	type AddTagInput,
	type RemoveTagInput
} from './tags.ts';
export { updateProfileField, updateProfileFieldInputSchema, type UpdateProfileFieldInput } from './profile.ts';
export { addComment, addCommentInputSchema, type AddCommentInput, type AddCommentResult } from './comments.ts';
export { inboundMessageId } from './provider-id.ts';
export {
	recordInboundMessage,
	recordInboundMessageInputSchema,
	type RecordInboundMessageInput,
	type RecordInboundResult
} from './inbound.ts';
export {
	sendMessage,
	sendMessageInputSchema,
	setDeliveryStatus,
	setDeliveryStatusInputSchema,
	type SendMessageInput,
	type SendMessageResult,
	type SetDeliveryStatusInput
} from './outbound.ts';
export { recordPageChange, recordPageChangeInputSchema, type RecordPageChangeInput } from './page-change.ts';
export { markRead, markReadInputSchema, type MarkReadInput } from './read-marker.ts';
export { saveDraft, saveDraftInputSchema, type SaveDraftInput } from './drafts.ts';
export {
	deleteByIdInputSchema,
	deleteChannel,
	deleteCustomField,
	deleteSegment,
	deleteSnippet,
	removeMember,
	setWorkspaceMeta,
	upsertChannel,
	upsertCustomField,
	upsertMember,
	upsertSegment,
	upsertSegmentInputSchema,
	upsertSnippet,
	type DeleteByIdInput,
	type UpsertSegmentInput
} from './workspace.ts';
