// A table of routes for /api: a handful of endpoints need no framework. Paths are exact, or
// have `:name` segments that match one non-empty segment each (handed to the route as
// params). Unknown paths answer 404 JSON, known paths with another method 405.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './json.ts';

export type Route = {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	path: string;
	handle(request: IncomingMessage, response: ServerResponse, params: RouteParams): Promise<void>;
};

export type RouteParams = Record<string, string>;

type Pattern = { segments: string[]; methods: Map<string, Route> };

/** Matches `/api/channels/:id/inbound` against a path; null when it does not fit. */
function matchPattern(segments: string[], path: string): RouteParams | null {
	const parts = path.split('/');
	if (parts.length !== segments.length) return null;
	const params: RouteParams = Object.create(null);
	for (let i = 0; i < parts.length; i++) {
		const segment = segments[i] ?? '';
		const part = parts[i] ?? '';
		if (segment.startsWith(':')) {
			if (part === '') return null;
			try {
				params[segment.slice(1)] = decodeURIComponent(part);
			} catch {
				return null;
			}
		} else if (segment !== part) return null;
	}
	return params;
}

export function createRouter(routes: Route[]) {
	const byPath = new Map<string, Map<string, Route>>();
	const patterns: Pattern[] = [];
	for (const route of routes) {
		if (route.path.includes('/:')) {
			let pattern = patterns.find((p) => p.segments.join('/') === route.path);
			if (!pattern) patterns.push((pattern = { segments: route.path.split('/'), methods: new Map() }));
			pattern.methods.set(route.method, route);
			continue;
		}
		const methods = byPath.get(route.path) ?? new Map<string, Route>();
		methods.set(route.method, route);
		byPath.set(route.path, methods);
	}
	const find = (path: string): { methods: Map<string, Route>; params: RouteParams } | null => {
		const exact = byPath.get(path);
		if (exact) return { methods: exact, params: Object.create(null) };
		for (const pattern of patterns) {
			const params = matchPattern(pattern.segments, path);
			if (params) return { methods: pattern.methods, params };
		}
		return null;
	};
	return async (request: IncomingMessage, response: ServerResponse, path: string) => {
		const found = find(path);
		if (!found) throw new HttpError(404, 'not_found', `No endpoint ${path}.`);
		const { methods, params } = found;
		const route = methods.get(request.method ?? 'GET');
		if (!route) {
			const allow = [...methods.keys()].join(', ');
			throw new HttpError(405, 'method_not_allowed', `${path} accepts ${allow}.`, { headers: { Allow: allow } });
		}
		await route.handle(request, response, params);
	};
}
