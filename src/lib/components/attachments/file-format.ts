// How files are described in the UI: a size people read ("2.4 MB"), a kind for the icon and
// the label ("PDF", "Spreadsheet"), and which images are shown as pictures.
import type { Attachment } from '$shared/schemas/index.ts';

export type FileKind = 'image' | 'pdf' | 'audio' | 'video' | 'document' | 'spreadsheet' | 'presentation' | 'text' | 'file';

/** Files the server makes a thumbnail of (it checked their content). */
const PREVIEWABLE = new Set(['image/png', 'image/apng', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/tiff', 'image/heif', 'image/heic']);

/** Largest file the server takes (UPLOAD_LIMIT's default); checked here first to answer at once. */
export const UPLOAD_LIMIT_BYTES = 25 * 1024 * 1024;

/** What the file picker offers; the server checks the content whatever is picked. */
export const ACCEPT =
	'image/*,application/pdf,audio/*,video/*,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.rtf,.epub,.txt,.csv,.md';

export function formatSize(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
	const mb = bytes / (1024 * 1024);
	return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

export function kindOf(mime: string): FileKind {
	if (mime.startsWith('image/')) return 'image';
	if (mime === 'application/pdf') return 'pdf';
	if (mime.startsWith('audio/') || mime === 'application/ogg') return 'audio';
	if (mime.startsWith('video/')) return 'video';
	if (/spreadsheet|excel|text\/csv/.test(mime)) return 'spreadsheet';
	if (/presentation|powerpoint/.test(mime)) return 'presentation';
	if (/word|opendocument\.text|rtf|epub/.test(mime)) return 'document';
	if (mime.startsWith('text/')) return 'text';
	return 'file';
}

const LABELS: Record<FileKind, string> = {
	image: 'Image',
	pdf: 'PDF',
	audio: 'Audio',
	video: 'Video',
	document: 'Document',
	spreadsheet: 'Spreadsheet',
	presentation: 'Presentation',
	text: 'Text',
	file: 'File'
};

export const kindLabel = (mime: string) => LABELS[kindOf(mime)];

/** Shown as a picture (a thumbnail the server made) rather than a card. */
export const hasPreview = (file: Attachment) => file.unavailable === undefined && PREVIEWABLE.has(file.mime);

/** Where a file and its thumbnail are, for whoever looks at it (agents: by session cookie). */
export interface FileLinks {
	href: string | null;
	thumbnail: string | null;
}

export const agentFileLinks = (file: Attachment): FileLinks =>
	file.unavailable === undefined
		? { href: `/api/files/${encodeURIComponent(file.id)}`, thumbnail: `/api/files/${encodeURIComponent(file.id)}/thumbnail` }
		: { href: null, thumbnail: null };
