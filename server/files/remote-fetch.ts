// Fetches an inbound attachment from the URL a provider gave, with limits: http(s) only, at
// most a few redirects, a deadline for the whole transfer, a byte limit enforced while reading,
// and — unless allowed — never an address on this machine or a private network (the URL comes
// from outside; without this, a webhook could make the server read its own admin endpoints).
// The address is checked where the socket connects (a custom DNS lookup), so a name that
// resolves differently a second time cannot slip past.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';
import type { BlobStore, Staged } from './blob-store.ts';
import { TooLargeError } from './blob-store.ts';

export type FetchLimits = { timeoutMs: number; maxBytes: number; allowPrivate: boolean };

/** `transient`: worth trying again later (network trouble, 5xx); otherwise final (404, too large). */
export class RemoteFileError extends Error {
	readonly transient: boolean;
	constructor(message: string, transient: boolean) {
		super(message);
		this.transient = transient;
	}
}

const MAX_REDIRECTS = 3;

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.ceil(bytes / 1024)} KB`);

const PRIVATE = new BlockList();
for (const [net, prefix] of [
	['0.0.0.0', 8],
	['10.0.0.0', 8],
	['100.64.0.0', 10],
	['127.0.0.0', 8],
	['169.254.0.0', 16],
	['172.16.0.0', 12],
	['192.0.0.0', 24],
	['192.168.0.0', 16],
	['198.18.0.0', 15],
	['224.0.0.0', 3]
] as const) {
	PRIVATE.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
	['::', 127],
	['fc00::', 7],
	['fe80::', 10],
	['ff00::', 8]
] as const) {
	PRIVATE.addSubnet(net, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
	const family = isIP(address);
	if (family === 0) return true;
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
	if (mapped) return PRIVATE.check(mapped, 'ipv4');
	return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function guardedLookup(hostname: string, options: { all?: boolean }, callback: LookupCallback): void {
	dnsLookup(hostname, { all: true }, (error, addresses) => {
		if (error) return callback(error, []);
		const bad = addresses.find((entry) => isPrivateAddress(entry.address));
		if (bad || addresses.length === 0) {
			return callback(Object.assign(new Error(`${hostname} resolves to a private address`), { code: 'EPRIVATE' }), []);
		}
		const first = addresses[0] as LookupAddress;
		if (options.all) callback(null, addresses);
		else callback(null, first.address, first.family);
	});
}

function get(url: URL, limits: FetchLimits, signal: AbortSignal): Promise<IncomingMessage> {
	const hostname = url.hostname.replace(/^\[|\]$/g, '');
	// Node connects to an IP literal without a lookup: check it here.
	if (!limits.allowPrivate && isIP(hostname) && isPrivateAddress(hostname)) {
		return Promise.reject(new RemoteFileError(`${url.host} is a private address`, false));
	}
	const lib = url.protocol === 'https:' ? https : http;
	return new Promise((resolve, reject) => {
		const request = lib.get(
			url,
			{
				signal,
				headers: { 'user-agent': 'Switchboard attachments', accept: '*/*' },
				...(limits.allowPrivate ? {} : { lookup: guardedLookup as unknown as typeof dnsLookup })
			},
			resolve
		);
		request.on('error', (error: NodeJS.ErrnoException) => {
			if (error.code === 'EPRIVATE') reject(new RemoteFileError(error.message, false));
			else if (error.code === 'ENOTFOUND') reject(new RemoteFileError(`${url.hostname} does not exist`, false));
			else if (signal.aborted) reject(new RemoteFileError(`no answer within ${limits.timeoutMs} ms`, true));
			else reject(new RemoteFileError(`could not fetch it (${error.code ?? error.message})`, true));
		});
	});
}

/** Downloads `url` into the blob store's staging area; the caller checks and commits it. */
export async function fetchToStage(rawUrl: string, limits: FetchLimits, blobs: BlobStore): Promise<Staged> {
	const signal = AbortSignal.timeout(limits.timeoutMs);
	let url = new URL(rawUrl);
	for (let redirects = 0; ; redirects++) {
		if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RemoteFileError('only http and https URLs are fetched', false);
		const response = await get(url, limits, signal);
		const status = response.statusCode ?? 0;
		const location = response.headers.location;
		if (status >= 300 && status < 400 && location) {
			response.resume();
			if (redirects >= MAX_REDIRECTS) throw new RemoteFileError(`more than ${MAX_REDIRECTS} redirects`, false);
			url = new URL(location, url);
			continue;
		}
		if (status < 200 || status >= 300) {
			response.resume();
			const transient = status >= 500 || status === 408 || status === 429;
			throw new RemoteFileError(`the file’s URL answered HTTP ${status}`, transient);
		}
		const declared = Number(response.headers['content-length'] ?? NaN);
		if (declared > limits.maxBytes) {
			response.destroy();
			throw new RemoteFileError(`larger than ${sizeText(limits.maxBytes)}`, false);
		}
		try {
			return await blobs.stage(response, limits.maxBytes);
		} catch (error) {
			response.destroy();
			if (error instanceof TooLargeError) throw new RemoteFileError(`larger than ${sizeText(limits.maxBytes)}`, false);
			throw new RemoteFileError(signal.aborted ? `not fetched within ${limits.timeoutMs} ms` : 'the transfer broke off', true);
		}
	}
}
