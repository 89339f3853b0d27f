// Functions that run inside the page (handed to Playwright's evaluate / addInitScript, so each
// is self-contained: no imports, no outer variables). They time from an input event dispatched
// in the page itself, so no round trip to Node is in the numbers.
//
// `work`: from the event to the DOM updated by Svelte (its flush is a microtask) and laid out
// (a forced layout): what must fit in one frame. `frame`: to the next frame after that
// (requestAnimationFrame, then a task after its paint), which adds waiting for the display's
// next frame; reported for context, not against the goal.

export interface ActionTiming {
	work: number;
	frame: number;
}

export interface LoadTiming {
	/** Since navigation start: the first contact row in the DOM. */
	rowsAt: number;
	/** The first frame showing rows has been painted and the page runs tasks again. */
	paintedAt: number;
	/** Long tasks (> 50 ms) after paint, while the socket syncs: [start, duration]. */
	longTasks: [number, number][];
}

declare global {
	interface Window {
		__benchLoad?: LoadTiming;
	}
}

/** Init script: records when the contact list first shows rows after a (re)load. */
export function installLoadProbe(): void {
	const probe: LoadTiming = { rowsAt: 0, paintedAt: 0, longTasks: [] };
	window.__benchLoad = probe;
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) probe.longTasks.push([entry.startTime, entry.duration]);
	}).observe({ type: 'longtask', buffered: true });
	const observer = new MutationObserver(() => {
		if (!document.querySelector('#contact-list [data-contact-id]')) return;
		observer.disconnect();
		probe.rowsAt = performance.now();
		requestAnimationFrame(() => setTimeout(() => (probe.paintedAt = performance.now()), 0));
	});
	observer.observe(document, { childList: true, subtree: true });
}

export interface ActionSpec {
	/** Click this element, or type `text` into it (replacing its value) as one input event. */
	selector: string;
	text?: string;
}

/** Dispatches one click or input event and times it (see the top of this file). */
export async function timeAction(spec: ActionSpec): Promise<ActionTiming> {
	const target = document.querySelector(spec.selector);
	if (!(target instanceof HTMLElement)) throw new Error(`no element ${spec.selector}`);
	const started = performance.now();
	if (spec.text === undefined) target.click();
	else {
		(target as HTMLInputElement).value = spec.text;
		target.dispatchEvent(new InputEvent('input', { bubbles: true, data: spec.text.slice(-1), inputType: 'insertText' }));
	}
	// Svelte flushes in a microtask queued by the event; effects it runs may queue a few more.
	for (let i = 0; i < 8; i++) await Promise.resolve();
	void document.body.getBoundingClientRect();
	const work = performance.now() - started;
	await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
	return { work, frame: performance.now() - started };
}

/**
 * Clicks a contact's row and times until its conversation shows its first message (`shown`),
 * until that frame is painted (`painted`), and until the whole conversation is open, its
 * document loaded and the composer shown (`ready`): a long one first paints its latest page
 * from IndexedDB while the document loads.
 */
export async function timeOpen(contactId: string): Promise<{ shown: number; painted: number; ready: number }> {
	const row = document.querySelector(`#contact-list [data-contact-id="${contactId}"]`);
	if (!(row instanceof HTMLElement)) throw new Error(`contact ${contactId} is not rendered in the list`);
	const section = `section[aria-label="Conversation"][data-contact="${contactId}"]`;
	const appeared = (selector: string) =>
		new Promise<void>((resolve) => {
			if (document.querySelector(selector)) return resolve();
			const observer = new MutationObserver(() => {
				if (!document.querySelector(selector)) return;
				observer.disconnect();
				resolve();
			});
			observer.observe(document.body, { childList: true, subtree: true });
		});
	const started = performance.now();
	row.click();
	const composer = appeared(`${section} textarea`).then(() => performance.now() - started);
	await appeared(`${section} [role=log] [data-key]`);
	const shown = performance.now() - started;
	await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
	const painted = performance.now() - started;
	return { shown, painted, ready: await composer };
}

/** Resolves once the page has had `quietMs` without a long task: background work has settled. */
export function whenIdle(quietMs: number): Promise<void> {
	return new Promise((resolve) => {
		let last = performance.now();
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries()) last = Math.max(last, entry.startTime + entry.duration);
		}).observe({ type: 'longtask' });
		const check = () => (performance.now() - last >= quietMs ? resolve() : setTimeout(check, 100));
		setTimeout(check, quietMs);
	});
}
