import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
	resolve: { alias: { $shared: fileURLToPath(new URL('./shared', import.meta.url)) } },
	test: {
		include: ['tests/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 120_000,
		// Integration and browser tests start real server processes; run files one at a
		// time on the 2-core machines so timings stay honest.
		fileParallelism: false,
		pool: 'forks'
	}
});
