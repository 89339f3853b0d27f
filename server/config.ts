// Configuration comes from the environment only, parsed once at start with zod so a typo in
// a variable stops the process with a message that names the variable, instead of surfacing
// later as a strange runtime failure.
import path from 'node:path';
import { z } from 'zod';

const MiB = 1024 * 1024;

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const flag = z
	.enum(['1', '0', 'true', 'false', 'yes', 'no'])
	.transform((value) => value === '1' || value === 'true' || value === 'yes');

const urlWithScheme = (schemes: string[]) =>
	z.url().refine((value) => schemes.some((scheme) => value.startsWith(`${scheme}://`)), {
			message: `must start with ${schemes.map((s) => `${s}://`).join(' or ')}`
		});

const envSchema = z.object({
	PORT: int(0, 65_535).default(3000),
	HOST: z.string().min(1).optional(),
	DATA_DIR: z.string().min(1).default('./data'),
	STATIC_DIR: z.string().min(1).default('./build'),
	DATABASE_URL: urlWithScheme(['postgres', 'postgresql']).optional(),
	REDIS_URL: urlWithScheme(['redis', 'rediss']).optional(),
	// Above the largest legitimate update: an offline client's catch-up arrives as one frame,
	// and a frame over the limit makes the provider reconnect and resend it forever.
	MAX_PAYLOAD: int(1024, 1024 * MiB).default(16 * MiB),
	// Exact origin (scheme://host[:port]) of the app when it is served from elsewhere than
	// this server; otherwise a websocket's Origin must match the Host it connected to.
	APP_ORIGIN: z
		.url()
		.refine((value) => new URL(value).origin === value, { message: 'must be an origin like https://app.example.com (no path, no trailing slash)' })
		.optional(),
	// Per-socket message budget: a token bucket. The burst covers an offline client catching
	// up on hundreds of documents at once (about three messages per document).
	WS_RATE_PER_SECOND: int(1, 1_000_000).default(1000),
	WS_RATE_BURST: int(1, 10_000_000).default(10_000),
	// Update rows a document may collect before its log is compacted into a snapshot.
	COMPACT_THRESHOLD: int(1, 1_000_000).default(500),
	// A document with any uncompacted rows is compacted after this long without changes.
	COMPACT_IDLE_MS: int(0, 24 * 3600 * 1000).default(30_000),
	// Test hook: holds the compaction write transaction open this long, so a test can kill
	// the process in the middle of it. Always 0 in production.
	COMPACT_TEST_PAUSE_MS: int(0, 60_000).default(0),
	SEED_DEMO: flag.default(true),
	// Channel webhooks (docs/channels.md). Inbound bodies may carry base64 attachments.
	INBOUND_BODY_LIMIT: int(1024, 64 * MiB).default(10 * MiB),
	// Outbound delivery: retry i waits base × 2^(i−1) (±20 %), up to the number of tries.
	DELIVERY_RETRY_BASE_MS: int(1, 3600 * 1000).default(2000),
	DELIVERY_MAX_TRIES: int(1, 100).default(8),
	DELIVERY_TIMEOUT_MS: int(100, 120_000).default(10_000),
	// Files (docs/files.md): bytes per uploaded or fetched file, and how inbound attachment URLs
	// are fetched. Private addresses (this machine, the LAN) are refused unless allowed (tests).
	UPLOAD_LIMIT: int(1024, 1024 * MiB).default(25 * MiB),
	FILE_FETCH_TIMEOUT_MS: int(100, 300_000).default(15_000),
	FILE_FETCH_ALLOW_PRIVATE: flag.default(false)
});

export type Config = {
	port: number;
	host: string | undefined;
	dataDir: string;
	staticDir: string;
	databaseUrl: string | undefined;
	redisUrl: string | undefined;
	maxPayload: number;
	appOrigin: string | undefined;
	wsRatePerSecond: number;
	wsRateBurst: number;
	compactThreshold: number;
	compactIdleMs: number;
	compactTestPauseMs: number;
	seedDemo: boolean;
	inboundBodyLimit: number;
	deliveryRetryBaseMs: number;
	deliveryMaxTries: number;
	deliveryTimeoutMs: number;
	uploadLimit: number;
	fileFetchTimeoutMs: number;
	fileFetchAllowPrivate: boolean;
};

export class ConfigError extends Error {}

/** Reads the configuration; unset and empty variables take their defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const present = Object.fromEntries(
		Object.keys(envSchema.shape)
			.map((key) => [key, env[key]?.trim()])
			.filter(([, value]) => value !== undefined && value !== '')
	);
	const parsed = envSchema.safeParse(present);
	if (!parsed.success) {
		const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
		throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
	}
	const e = parsed.data;
	return {
		port: e.PORT,
		host: e.HOST,
		dataDir: path.resolve(e.DATA_DIR),
		staticDir: path.resolve(e.STATIC_DIR),
		databaseUrl: e.DATABASE_URL,
		redisUrl: e.REDIS_URL,
		maxPayload: e.MAX_PAYLOAD,
		appOrigin: e.APP_ORIGIN,
		wsRatePerSecond: e.WS_RATE_PER_SECOND,
		wsRateBurst: e.WS_RATE_BURST,
		compactThreshold: e.COMPACT_THRESHOLD,
		compactIdleMs: e.COMPACT_IDLE_MS,
		compactTestPauseMs: e.COMPACT_TEST_PAUSE_MS,
		seedDemo: e.SEED_DEMO,
		inboundBodyLimit: e.INBOUND_BODY_LIMIT,
		deliveryRetryBaseMs: e.DELIVERY_RETRY_BASE_MS,
		deliveryMaxTries: e.DELIVERY_MAX_TRIES,
		deliveryTimeoutMs: e.DELIVERY_TIMEOUT_MS,
		uploadLimit: e.UPLOAD_LIMIT,
		fileFetchTimeoutMs: e.FILE_FETCH_TIMEOUT_MS,
		fileFetchAllowPrivate: e.FILE_FETCH_ALLOW_PRIVATE
	};
}
