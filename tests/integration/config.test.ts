// Configuration from the environment: defaults, and bad values stopping the start with a
// message that names the variable (also checked through the real process once).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

describe('loadConfig', () => {
	it('has defaults', () => {
		const config = loadConfig({});
		expect(config).toMatchObject({
			port: 3000,
			maxPayload: 16 * 1024 * 1024,
			databaseUrl: undefined,
			redisUrl: undefined,
			appOrigin: undefined,
			seedDemo: true
		});
		expect(config.dataDir).toMatch(/\/data$/);
	});

	it('names each bad variable', () => {
		const bad = { PORT: 'eighty', DATABASE_URL: 'mysql://x', APP_ORIGIN: 'https://app.test/path', MAX_PAYLOAD: '-1' };
		expect(() => loadConfig(bad)).toThrow(ConfigError);
		try {
			loadConfig(bad);
		} catch (error) {
			const message = (error as Error).message;
			for (const name of Object.keys(bad)) expect(message).toContain(`${name}:`);
		}
	});

	it('accepts PostgreSQL and Redis URLs and an exact origin', () => {
		const config = loadConfig({
			DATABASE_URL: 'postgres://u@db:5432/app',
			REDIS_URL: 'redis://cache:6379',
			APP_ORIGIN: 'https://app.example.com',
			SEED_DEMO: 'false'
		});
		expect(config).toMatchObject({ appOrigin: 'https://app.example.com', seedDemo: false });
	});

	it('stops the server process with the message', () => {
		const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
			cwd: fileURLToPath(new URL('../..', import.meta.url)),
			env: { ...process.env, PORT: 'nope' },
			encoding: 'utf8',
			timeout: 30_000
		});
		expect(result.status).toBe(1);
		expect(result.stderr).toContain('PORT:');
	});
});
