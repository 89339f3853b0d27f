import { randomId } from '$shared/actions/types.ts';
import type { Attachment } from '$shared/schemas/index.ts';
import type { ServerFrame, VisitorMessage, VisitorPage, VisitorProfile, VisitorSession } from '$shared/schemas/webchat.ts';
import { UploadRefused, uploadFile } from '$lib/sync/upload-transport.ts';
import type { UploadView } from '$lib/sync/upload-queue.svelte.ts';
import { forgetVisitor, loadVisitor, saveVisitor } from './visitor-identity.ts';
import { VisitorSocket, type SocketStatus } from './visitor-socket.ts';
import { ChatUnavailable, fetchInfo, startChat } from './webchat-api.ts';

// The visitor's chat: who they are, the conversation the server sends (their own messages and
// the team's replies, nothing else exists here), messages on their way, files being uploaded,
// and the page of the host site they are on (reported to the server when it changes).

export type ChatPhase = 'loading' | 'unavailable' | 'intro' | 'chat';

export interface PendingMessage {
	clientId: string;
	text: string;
	files: Attachment[];
	at: number;
	error: string | null;
}

/** A file attached in the visitor's composer. */
export interface VisitorUpload extends UploadView {
	file: Attachment | null;
}

const LIMIT_BYTES = 25 * 1024 * 1024;
/** How long an embedded chat waits for the widget to hand over a kept session. */
const HOST_ANSWER_MS = 2000;

/** What the chat tells the page around it (widget.js, when embedded). */
export interface ChatHost {
	embedded: boolean;
	unread(count: number): void;
	keepSession(session: VisitorSession | null): void;
}

export class VisitorChat {
	readonly workspaceId: string;
	#phase = $state<ChatPhase>('loading');
	#workspaceName = $state('');
	#failure = $state<string | null>(null);
	#profile = $state<VisitorProfile | null>(null);
	#messages = $state<VisitorMessage[]>([]);
	#pending = $state<PendingMessage[]>([]);
	#uploads = $state<VisitorUpload[]>([]);
	#status = $state<SocketStatus>('connecting');
	#visible = $state(true);
	#unread = $state(0);
	#session: VisitorSession | null = null;
	#socket: VisitorSocket | null = null;
	#page: VisitorPage | null = null;
	#reported: string | null = null;
	// Which replies the server was told about (bookkeeping, not state).
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	readonly #acknowledged = new Set<string>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	readonly #read = new Set<string>();
	readonly #host: ChatHost;
	#offered: (session: VisitorSession | null) => void = () => {};
	readonly #hostSession: Promise<VisitorSession | null>;

	constructor(workspaceId: string, host: ChatHost) {
		this.workspaceId = workspaceId;
		this.#host = host;
		this.#hostSession = host.embedded
			? new Promise((resolve) => {
					this.#offered = resolve;
					// A host page without the widget's answer (an old widget.js): start as new.
					setTimeout(() => resolve(null), HOST_ANSWER_MS);
				})
			: Promise.resolve(null);
		void this.#begin();
	}

	get phase(): ChatPhase {
		return this.#phase;
	}
	get workspaceName(): string {
		return this.#workspaceName;
	}
	get failure(): string | null {
		return this.#failure;
	}
	get profile(): VisitorProfile | null {
		return this.#profile;
	}
	get messages(): readonly VisitorMessage[] {
		return this.#messages;
	}
	get pending(): readonly PendingMessage[] {
		return this.#pending;
	}
	get uploads(): readonly VisitorUpload[] {
		return this.#uploads;
	}
	get status(): SocketStatus {
		return this.#status;
	}
	get unread(): number {
		return this.#unread;
	}

	async #begin() {
		try {
			this.#workspaceName = (await fetchInfo(this.workspaceId)).workspace.name;
		} catch (error) {
			this.#failure = error instanceof ChatUnavailable ? error.message : 'The chat could not be loaded. Check your connection and reload.';
			this.#phase = 'unavailable';
			return;
		}
		const session = loadVisitor(this.workspaceId) ?? (await this.#hostSession);
		if (session) this.#connect(session);
		else this.#phase = 'intro';
	}

	/** The session the widget kept for this visitor on the host site (embedded only). */
	offerSession(session: VisitorSession | null) {
		this.#offered(session);
	}

	/** The intro form: name and optional email. Throws with `field` for the form to point at. */
	async start(name: string, email: string): Promise<void> {
		const session = await startChat(this.workspaceId, { name, email });
		saveVisitor(this.workspaceId, session);
		this.#host.keepSession(session);
		this.#connect(session);
	}

	#connect(session: VisitorSession) {
		this.#session = session;
		this.#profile = session.visitor;
		this.#phase = 'chat';
		this.#socket = new VisitorSocket({
			hello: () => ({ type: 'hello', token: session.token, ...(this.#page ? { page: this.#page } : {}) }),
			onframe: (frame) => this.#receive(frame),
			onstatus: (status) => (this.#status = status),
			onrefused: () => {
				// The token no longer works (the workspace reset its web chat): start over.
				forgetVisitor(this.workspaceId);
				this.#host.keepSession(null);
				this.#socket?.close();
				this.#socket = null;
				this.#messages = [];
				this.#phase = 'intro';
			}
		});
	}

	#receive(frame: ServerFrame) {
		switch (frame.type) {
			case 'welcome': {
				this.#profile = frame.visitor;
				this.#workspaceName = frame.workspace.name;
				this.#messages = frame.messages;
				const known = new Set<string | null>(frame.messages.map((m) => m.clientId)); // eslint-disable-line svelte/prefer-svelte-reactivity
				this.#pending = this.#pending.filter((p) => !known.has(p.clientId));
				if (this.#page) this.#reported = this.#page.url;
				// Whatever did not make it before the connection dropped goes again (same ids: once).
				for (const message of this.#pending) this.#sendFrame(message);
				this.#acknowledge();
				return;
			}
			case 'message': {
				const { message } = frame;
				if (this.#messages.some((m) => m.id === message.id)) return;
				this.#messages = [...this.#messages, message];
				if (message.clientId) this.#pending = this.#pending.filter((p) => p.clientId !== message.clientId);
				if (message.direction === 'out' && !this.#visible) {
					this.#unread++;
					this.#host.unread(this.#unread);
				}
				this.#acknowledge();
				return;
			}
			case 'error':
				if (frame.clientId) {
					this.#pending = this.#pending.map((p) => (p.clientId === frame.clientId ? { ...p, error: frame.message } : p));
				}
				return;
		}
	}

	/** Tells the server which of the team's messages this page has, and which the visitor sees. */
	#acknowledge() {
		const replies = this.#messages.filter((m) => m.direction === 'out');
		const fresh = replies.filter((m) => !this.#acknowledged.has(m.id)).map((m) => m.id);
		if (fresh.length > 0 && this.#socket?.send({ type: 'seen', ids: fresh, read: false })) for (const id of fresh) this.#acknowledged.add(id);
		if (!this.#visible) return;
		const unseen = replies.filter((m) => !this.#read.has(m.id)).map((m) => m.id);
		if (unseen.length > 0 && this.#socket?.send({ type: 'seen', ids: unseen, read: true })) for (const id of unseen) this.#read.add(id);
	}

	/** The chat is on screen (its tab is visible and, embedded, its panel is open). */
	setVisible(visible: boolean) {
		this.#visible = visible;
		if (!visible) return;
		this.#unread = 0;
		this.#host.unread(0);
		this.#acknowledge();
	}

	/** The host page's address, from the widget: reported now if connected, else on hello. */
	reportPage(page: VisitorPage) {
		this.#page = page;
		if (this.#reported === page.url) return;
		if (this.#status === 'open' && this.#socket?.send({ type: 'page', ...page })) this.#reported = page.url;
	}

	async attach(files: File[]): Promise<string[]> {
		const refused: string[] = [];
		for (const file of files) {
			if (file.size > LIMIT_BYTES) {
				refused.push(`“${file.name}” is larger than 25 MB.`);
				continue;
			}
			const preview = file.type.startsWith('image/') && !file.type.includes('svg') ? URL.createObjectURL(file) : null;
			const upload: VisitorUpload = {
				id: randomId(),
				contactId: '',
				name: file.name,
				mime: file.type,
				size: file.size,
				state: 'uploading',
				progress: 0,
				error: null,
				messageId: null,
				preview,
				file: null
			};
			this.#uploads = [...this.#uploads, upload];
			void this.#upload(upload.id, file);
		}
		return refused;
	}

	async #upload(id: string, blob: File) {
		const patch = (change: Partial<VisitorUpload>) => (this.#uploads = this.#uploads.map((u) => (u.id === id ? { ...u, ...change } : u)));
		try {
			const file = await uploadFile({
				url: '/api/webchat/uploads',
				blob,
				name: blob.name,
				headers: { Authorization: `Bearer ${this.#session?.token ?? ''}` },
				onprogress: (progress) => patch({ progress })
			});
			patch({ state: 'done', progress: 1, file });
		} catch (error) {
			const message = error instanceof UploadRefused ? error.message : 'Could not upload. Check your connection and attach it again.';
			patch({ state: 'refused', error: message });
		}
	}

	removeUpload(id: string) {
		const upload = this.#uploads.find((u) => u.id === id);
		if (upload?.preview) URL.revokeObjectURL(upload.preview);
		this.#uploads = this.#uploads.filter((u) => u.id !== id);
	}

	/** True while a file is still on its way up (sending waits for it). */
	get uploading(): boolean {
		return this.#uploads.some((u) => u.state === 'uploading');
	}

	/** Sends the text and the uploaded files as one message. */
	send(text: string): boolean {
		const files = this.#uploads.flatMap((u) => (u.state === 'done' && u.file ? [u.file] : []));
		if ((!text.trim() && files.length === 0) || this.uploading) return false;
		const message: PendingMessage = { clientId: randomId(), text: text.trim(), files, at: Date.now(), error: null };
		this.#pending = [...this.#pending, message];
		for (const upload of this.#uploads) if (upload.preview) URL.revokeObjectURL(upload.preview);
		this.#uploads = [];
		this.#sendFrame(message);
		return true;
	}

	retry(clientId: string) {
		const message = this.#pending.find((p) => p.clientId === clientId);
		if (!message) return;
		this.#pending = this.#pending.map((p) => (p.clientId === clientId ? { ...p, error: null } : p));
		this.#sendFrame(message);
	}

	discard(clientId: string) {
		this.#pending = this.#pending.filter((p) => p.clientId !== clientId);
	}

	reconnectNow() {
		this.#socket?.retryNow();
	}

	#sendFrame(message: PendingMessage) {
		this.#socket?.send({ type: 'send', clientId: message.clientId, text: message.text, files: message.files.map((f) => f.id) });
	}

	destroy() {
		this.#socket?.close();
		for (const upload of this.#uploads) if (upload.preview) URL.revokeObjectURL(upload.preview);
	}
}
