// Starts a Node child (the bare Hocuspocus server, or our server when the test helper isn't
// there) and waits for the line that says it listens, instead of sleeping.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface Child {
	process: ChildProcess;
	match: RegExpMatchArray;
	/** SIGTERM, then SIGKILL if it hasn't exited within `graceMs`. */
	stop(graceMs?: number): Promise<void>;
}

export async function startNodeChild(
	args: string[],
	options: { env?: NodeJS.ProcessEnv; ready: RegExp; timeoutMs?: number; echo?: boolean }
): Promise<Child> {
	const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
		env: { ...process.env, ...options.env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`${args.join(' ')} not ready after ${options.timeoutMs ?? 60_000} ms:\n${output}`)),
			options.timeoutMs ?? 60_000
		);
		// Keep reading after ready (a full pipe would block the child), keeping only the tail
		// for error messages.
		const onData = (chunk: Buffer) => {
			output = (output + chunk.toString()).slice(-20_000);
			if (options.echo) process.stderr.write(chunk);
			const found = output.match(options.ready);
			if (found) {
				clearTimeout(timer);
				resolve(found);
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', (chunk: Buffer) => {
			output = (output + chunk.toString()).slice(-20_000);
			if (options.echo) process.stderr.write(chunk);
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`${args.join(' ')} exited with ${code} before it was ready:\n${output}`));
		});
	});
	return {
		process: child,
		match,
		async stop(graceMs = 5000) {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const exited = once(child, 'exit');
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
			await exited;
			clearTimeout(timer);
		}
	};
}
