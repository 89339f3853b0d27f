// Which files Switchboard takes, decided by their content: the magic bytes (the `file-type`
// package reads them, and looks inside ZIP and CFB containers for office documents), never the
// name or the type the uploader claims. An executable renamed `photo.png` is an executable.
// Plain text has no magic bytes: it is taken only when it is claimed as text and is UTF-8.
import { open } from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromFile } from 'file-type';

export type FileKind = 'image' | 'pdf' | 'audio' | 'video' | 'document' | 'text';

/** Images a browser shows safely inline (raster formats; never SVG, which can carry script). */
export const INLINE_IMAGE_TYPES = new Set(['image/png', 'image/apng', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);
/** Images sharp can make a thumbnail of with its bundled libvips. */
export const THUMBNAIL_TYPES = new Set([...INLINE_IMAGE_TYPES, 'image/tiff', 'image/heif', 'image/heic']);

const ACCEPTED: Record<string, FileKind> = {
	'image/png': 'image',
	'image/apng': 'image',
	'image/jpeg': 'image',
	'image/gif': 'image',
	'image/webp': 'image',
	'image/avif': 'image',
	'image/heic': 'image',
	'image/heif': 'image',
	'image/bmp': 'image',
	'image/tiff': 'image',
	'application/pdf': 'pdf',
	'audio/mpeg': 'audio',
	'audio/mp4': 'audio',
	'audio/x-m4a': 'audio',
	'audio/aac': 'audio',
	'audio/ogg': 'audio',
	'application/ogg': 'audio',
	'audio/wav': 'audio',
	'audio/flac': 'audio',
	'audio/amr': 'audio',
	'audio/aiff': 'audio',
	'video/mp4': 'video',
	'video/x-m4v': 'video',
	'video/quicktime': 'video',
	'video/webm': 'video',
	'video/matroska': 'video',
	'video/3gpp': 'video',
	'video/3gpp2': 'video',
	'video/mpeg': 'video',
	'video/ogg': 'video',
	'video/vnd.avi': 'video',
	'application/rtf': 'document',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'document',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'document',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'document',
	'application/vnd.openxmlformats-officedocument.presentationml.slideshow': 'document',
	'application/vnd.oasis.opendocument.text': 'document',
	'application/vnd.oasis.opendocument.spreadsheet': 'document',
	'application/vnd.oasis.opendocument.presentation': 'document',
	'application/epub+zip': 'document'
};

/**
 * Word, Excel and PowerPoint before 2007 are all one container format (CFB) to a sniffer; the
 * extension says which, and anything else in a CFB (an .msi installer) is refused.
 */
const LEGACY_OFFICE: Record<string, string> = {
	'.doc': 'application/msword',
	'.xls': 'application/vnd.ms-excel',
	'.ppt': 'application/vnd.ms-powerpoint'
};

const TEXT_TYPES: Record<string, string> = { '.txt': 'text/plain', '.csv': 'text/csv', '.md': 'text/markdown', '.log': 'text/plain' };
/** Bytes of a text file checked for being UTF-8 (the whole file, up to this). */
const TEXT_CHECK_BYTES = 1024 * 1024;

export type FileCheck = { ok: true; mime: string; kind: FileKind } | { ok: false; reason: string };

const refuse = (reason: string): FileCheck => ({ ok: false, reason });

const SUPPORTED = 'images, PDF, audio, video, office documents or plain text';

async function isUtf8Text(file: string, size: number): Promise<boolean> {
	const handle = await open(file, 'r');
	try {
		const length = Math.min(size, TEXT_CHECK_BYTES);
		const buffer = Buffer.alloc(length);
		const { bytesRead } = await handle.read(buffer, 0, length, 0);
		let bytes = buffer.subarray(0, bytesRead);
		if (bytes.includes(0)) return false;
		// A read cut inside a multi-byte character is not invalid: drop an unfinished tail.
		if (size > length) {
			let end = bytes.length;
			while (end > 0 && end > bytes.length - 4 && ((bytes[end - 1] ?? 0) & 0xc0) === 0x80) end--;
			if (end > 0 && ((bytes[end - 1] ?? 0) & 0xc0) === 0xc0) end--;
			bytes = bytes.subarray(0, end);
		}
		new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return true;
	} catch {
		return false;
	} finally {
		await handle.close();
	}
}

/**
 * Checks a file on disk: its detected type must be one we take. `name` and `claimedMime` only
 * decide between look-alikes (legacy office formats, text), never override the content.
 */
export async function checkFileType(file: string, size: number, name: string, claimedMime: string): Promise<FileCheck> {
	if (size === 0) return refuse('The file is empty.');
	const extension = path.extname(name).toLowerCase();
	const detected = await fileTypeFromFile(file);
	if (detected) {
		const kind = ACCEPTED[detected.mime];
		if (kind) return { ok: true, mime: detected.mime, kind };
		const legacy = LEGACY_OFFICE[extension];
		if (detected.mime === 'application/x-cfb' && legacy) return { ok: true, mime: legacy, kind: 'document' };
		return refuse(`“${name}” is ${describe(detected.mime)}, not one of the types we take (${SUPPORTED}).`);
	}
	const textType = TEXT_TYPES[extension];
	const claimsText = claimedMime.startsWith('text/') || claimedMime === '' || claimedMime === 'application/octet-stream';
	if (textType && claimsText && (await isUtf8Text(file, size))) return { ok: true, mime: textType, kind: 'text' };
	return refuse(`The content of “${name}” is not a type we take (${SUPPORTED}).`);
}

function describe(mime: string): string {
	if (mime === 'application/x-elf' || mime === 'application/x-msdownload' || mime === 'application/x-mach-binary') {
		return 'a program';
	}
	if (mime.includes('zip') || mime.includes('compressed') || mime.includes('tar') || mime.includes('x-7z')) return 'an archive';
	return `of type ${mime}`;
}
