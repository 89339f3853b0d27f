// A table of exact routes for /api: a handful of endpoints need no framework. Unknown
// paths answer 404 JSON, known paths with another method 405.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './json.ts';

export type Route = {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	path: string;
	handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
};

export function createRouter(routes: Route[]) {
	const byPath = new Map<string, Map<string, Route>>();
	for (const route of routes) {
		const methods = byPath.get(route.path) ?? new Map<string, Route>();
		methods.set(route.method, route);
		byPath.set(route.path, methods);
	}
	return async (request: IncomingMessage, response: ServerResponse, path: string) => {
		const methods = byPath.get(path);
		if (!methods) throw new HttpError(404, 'not_found', `No endpoint ${path}.`);
		const route = methods.get(request.method ?? 'GET');
		if (!route) {
			const allow = [...methods.keys()].join(', ');
			throw new HttpError(405, 'method_not_allowed', `${path} accepts ${allow}.`, { headers: { Allow: allow } });
		}
		await route.handle(request, response);
	};
}
