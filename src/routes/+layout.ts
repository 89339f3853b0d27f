// A single-page app: everything renders in the browser from IndexedDB and the sync socket.
export const ssr = false;
export const prerender = false;
