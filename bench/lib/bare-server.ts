// The baseline for the propagation benchmark: Hocuspocus as it comes, no extensions, no
// auth, no storage, in its own process like ours. Prints its port when it listens.
import { Server } from '@hocuspocus/server';

const server = new Server({ port: 0, quiet: true });
await server.listen();
console.log(`bare hocuspocus listening on ${server.address.port}`);
