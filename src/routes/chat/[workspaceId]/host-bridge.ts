import { widgetMessageSchema, type VisitorSession } from '$shared/schemas/webchat.ts';
import type { VisitorChat } from './visitor-chat.svelte.ts';

// Talking to widget.js on the host page, when the chat is embedded in its iframe. The host
// says which page the visitor is on and whether the panel is open; the chat says when it is
// ready, how many replies are unread (the launcher's badge), and when the visitor closes it.
// Any site may embed the widget, so messages are taken from the parent window whatever its
// origin, parsed strictly, and carry nothing but an address and a flag.

export type ToHost =
	| { type: 'switchboard:ready' }
	| { type: 'switchboard:unread'; count: number }
	| { type: 'switchboard:close' }
	/** The widget keeps the session in the host site's storage, and hands it back on the next page. */
	| { type: 'switchboard:session'; session: VisitorSession | null };

export function tellHost(message: ToHost): void {
	if (window.parent !== window) window.parent.postMessage(message, '*');
}

/** Wires the chat to its host page (or, standalone, to its own tab's visibility). */
export function connectHost(chat: VisitorChat, embedded: boolean): () => void {
	let panelOpen = !embedded;
	const update = () => chat.setVisible(panelOpen && document.visibilityState === 'visible');
	const onmessage = (event: MessageEvent) => {
		if (!embedded || event.source !== window.parent) return;
		const message = widgetMessageSchema.safeParse(event.data);
		if (!message.success) return;
		if (message.data.type === 'switchboard:page') chat.reportPage({ url: message.data.url, title: message.data.title });
		else if (message.data.type === 'switchboard:session') chat.offerSession(message.data.session);
		else {
			panelOpen = message.data.visible;
			update();
		}
	};
	const online = () => chat.reconnectNow();
	window.addEventListener('message', onmessage);
	window.addEventListener('online', online);
	document.addEventListener('visibilitychange', update);
	update();
	// Standalone, the chat is the page: there is no host page to report.
	if (embedded) tellHost({ type: 'switchboard:ready' });
	return () => {
		window.removeEventListener('message', onmessage);
		window.removeEventListener('online', online);
		document.removeEventListener('visibilitychange', update);
	};
}
