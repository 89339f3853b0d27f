// The HTTP request handler: /api/* through the router, everything else from build/.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log.ts';
import type { Storage } from '../storage/types.ts';
import { isAllowedOrigin } from '../auth/origin-check.ts';
import { authRoutes } from './auth-routes.ts';
import { HttpError, sendError, sendJson } from './json.ts';
import { createRouter, type Route } from './router.ts';
import { createStaticHandler } from './static-files.ts';

export type AppOptions = {
	storage: Storage;
	staticDir: string;
	appOrigin: string | undefined;
	closeSession: (sessionHash: string) => void;
	log: Logger;
	/** Routes of other parts of the server (channels, …), registered beside the built-in ones. */
	routes?: Route[];
};

export function createRequestHandler({ storage, staticDir, appOrigin, closeSession, log, routes = [] }: AppOptions) {
	const health: Route = {
		method: 'GET',
		path: '/api/health',
		async handle(_request, response) {
			sendJson(response, 200, { ok: true });
		}
	};
	const secureCookies = (request: IncomingMessage) =>
		appOrigin?.startsWith('https:') === true || request.headers['x-forwarded-proto'] === 'https';
	const api = createRouter([health, ...authRoutes({ storage, closeSession, secureCookies }), ...routes]);
	const serveStatic = createStaticHandler(staticDir);

	return (request: IncomingMessage, response: ServerResponse) => {
		let pathname: string;
		try {
			pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
		} catch {
			pathname = '/';
		}
		const isApi = pathname === '/api' || pathname.startsWith('/api/');
		// SameSite=Lax keeps the session cookie off other sites' POSTs, but not off a forged
		// log-in; a browser always names its Origin on a POST, so refuse foreign ones.
		// Requests without Origin (curl, server-to-server) are not from a browser page.
		const writes = request.method !== 'GET' && request.method !== 'HEAD';
		const crossSite = isApi && writes && request.headers.origin !== undefined && !isAllowedOrigin(request, appOrigin);
		const work = crossSite
			? Promise.reject(new HttpError(403, 'cross_origin', 'Requests from other origins are not accepted.'))
			: isApi
				? api(request, response, pathname)
				: serveStatic(request, response, pathname);
		work.catch((error: unknown) => {
			if (response.headersSent) {
				log.error(`${request.method} ${pathname} failed after the response started`, error);
				response.destroy();
				return;
			}
			if (error instanceof HttpError) return sendError(response, error);
			log.error(`${request.method} ${pathname} failed`, error);
			sendError(response, new HttpError(500, 'internal_error', 'Something went wrong on the server.'));
		});
	};
}
