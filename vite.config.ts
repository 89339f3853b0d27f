import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { lib0Strings } from './vite-plugins/lib0-strings.ts';

const backend = process.env.BACKEND_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
	plugins: [lib0Strings(), sveltekit()],
	server: {
		proxy: {
			'/api': backend,
			'/sync': { target: backend.replace(/^http/, 'ws'), ws: true }
		}
	}
});
