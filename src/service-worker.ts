/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { base, build, files, version } from '$service-worker';

// Keeps the app shell so Switchboard opens with no network; the data itself lives in IndexedDB.
// Precached per build version: the hashed client files, static files, and the SPA page
// adapter-static writes as the fallback (`index.html`), which every navigation falls back to
// when the network fails. API calls and the sync socket are never cached or answered here.

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `switchboard-shell-${version}`;
const SHELL = `${base}/index.html`;
const ASSETS = new Set([...build, ...files]);

async function precache(): Promise<void> {
	const cache = await caches.open(CACHE);
	await cache.addAll([...ASSETS]);
	// The fallback page is written by the adapter after Vite's build, so it is in neither list.
	// Fetch it without any HTTP cache: it names this build's hashed files.
	for (const url of [SHELL, `${base}/`]) {
		const response = await fetch(url, { cache: 'reload' }).catch(() => null);
		if (response?.ok) return cache.put(SHELL, response);
	}
	throw new Error('switchboard service worker: the app shell could not be fetched');
}

sw.addEventListener('install', (event) => event.waitUntil(precache()));

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
			// Control the page that installed us, so it works offline without a reload first.
			await sw.clients.claim();
		})()
	);
});

function isUncachable(url: URL): boolean {
	const path = url.pathname.slice(base.length);
	return path.startsWith('/api/') || path === '/api' || path.startsWith('/sync');
}

async function fromCache(key: string): Promise<Response | undefined> {
	const cache = await caches.open(CACHE);
	return cache.match(key);
}

async function navigate(request: Request): Promise<Response> {
	try {
		return await fetch(request);
	} catch {
		// Server down or no network: every route is the same SPA shell.
		return (await fromCache(SHELL)) ?? Response.error();
	}
}

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin || isUncachable(url)) return;
	if (request.mode === 'navigate') {
		event.respondWith(navigate(request));
		return;
	}
	if (ASSETS.has(url.pathname)) {
		// Hashed build files never change under one name: the cache is always right.
		event.respondWith(fromCache(url.pathname).then((cached) => cached ?? fetch(request)));
	}
});
