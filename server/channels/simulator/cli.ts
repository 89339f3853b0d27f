// `npm run simulate`: a provider simulator for the demo and for load. See args.ts for options
// and docs/channels.md for what it changes on the server.
import { Prng } from '../../seed/prng.ts';
import { parseSimulatorArgs, USAGE, type SimulatorArgs } from './args.ts';
import { People } from './people.ts';
import { ProviderEndpoint } from './provider-endpoint.ts';
import { ServerApi, type SimulatedChannel } from './setup.ts';
import { Traffic } from './traffic.ts';

const STATS_EVERY_MS = 10_000;

async function simulate(args: SimulatorArgs): Promise<void> {
	const api = new ServerApi(args.url);
	const workspace = await api.logIn(args.email, args.password, args.workspace);
	const views = (await api.channels(workspace.id)).filter((view) => !args.channels || args.channels.includes(view.id));
	if (views.length === 0) throw new Error(`no channels to simulate in "${workspace.name}"`);

	const channels: SimulatedChannel[] = [];
	let traffic: Traffic | null = null;
	const endpoint = await ProviderEndpoint.start(args.port, {
		secretOf: (id) => channels.find((c) => c.view.id === id)?.secret,
		onMessage: (message) => traffic?.delivered(message),
		onRejected: (reason) => console.warn(`simulator: refused ${reason}`)
	});
	const publicUrl = (args['public-url'] ?? `http://127.0.0.1:${endpoint.port}`).replace(/\/$/, '');

	const stop = new AbortController();
	const restore = async () => {
		await Promise.allSettled(channels.map((channel) => api.restore(workspace.id, channel)));
		await endpoint.close();
	};
	process.once('SIGINT', () => stop.abort());
	process.once('SIGTERM', () => stop.abort());

	try {
		for (const view of views) channels.push(await api.takeOver(workspace.id, view, `${publicUrl}/outbound/${view.id}`));
		console.log(`Simulating ${channels.length} channels of "${workspace.name}" on ${api.url}: ${channels.map((c) => c.view.name).join(', ')}`);
		console.log(`Channel secrets were rotated; replies go to ${publicUrl}/outbound/{channel}. Ctrl+C stops and restores the outbound URLs.`);

		const prng = new Prng(args.seed ?? Math.floor(Math.random() * 0xffffffff));
		traffic = new Traffic(api.url, channels, new People(prng), prng, args.reply);
		const started = Date.now();
		const report = setInterval(() => {
			const t = traffic?.stats;
			if (!t) return;
			const rate = (t.inbound / ((Date.now() - started) / 1000)).toFixed(1);
			const error = t.lastError ? ` · last error: ${t.lastError}` : '';
			console.log(`simulator: ${t.inbound} inbound (${rate}/s), ${t.replies} answers, ${t.reports} reports, ${t.failed} failed${error}`);
		}, STATS_EVERY_MS);
		await traffic.run(args.rate, args.count, stop.signal);
		await traffic.drain();
		clearInterval(report);
		if (args.count !== undefined && !stop.signal.aborted) console.log(`simulator: posted ${traffic.stats.inbound} messages`);
	} finally {
		traffic?.stop();
		await restore();
	}
}

let args: SimulatorArgs;
try {
	args = parseSimulatorArgs(process.argv.slice(2));
} catch (error) {
	console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
	process.exit(2);
}
if (args.help) {
	console.log(USAGE);
} else {
	simulate(args).catch((error: unknown) => {
		console.error(`simulator: ${error instanceof Error ? error.message : String(error)}`);
		process.exit(1);
	});
}
