// Works around a Hocuspocus 3.4.4 race. After a store, Hocuspocus schedules
// `unloadDocument(document)` with setTimeout(0) for the Document object it stored. If that
// document was unloaded meanwhile (a direct connection's disconnect does so at once) and a new
// connection has loaded the same name again, the late call checks the *old* object's
// connection count (0), then deletes the map entry by *name*: the new, live document drops out
// of Hocuspocus's map. Its connections stay attached to it, but every later connection and
// server writer gets yet another copy, so changes stop reaching them (seen as a web chat
// visitor who never got an agent's reply). Refusing to unload any document that is not the
// one in the map — throwing in beforeUnloadDocument keeps it — closes the gap. Runs first.
import type { beforeUnloadDocumentPayload, Extension } from '@hocuspocus/server';

/** Thrown without a message: Hocuspocus logs hook errors that have one. */
class NotTheLoadedDocument extends Error {}

export class StaleUnloadGuard implements Extension {
	extensionName = 'switchboard-stale-unload-guard';
	priority = 1000;

	async beforeUnloadDocument({ instance, documentName, document }: beforeUnloadDocumentPayload) {
		if (instance.documents.get(documentName) !== document) throw new NotTheLoadedDocument();
	}
}
