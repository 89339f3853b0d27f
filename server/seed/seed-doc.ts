import * as Y from 'yjs';

// A document the seed writes. Its Y client id is fixed by the seed, because Yjs draws it at
// random and it is part of the encoded state: without this the same seed would give other
// bytes each run. No replica other than the seed ever writes under these ids: the server and
// every client load the stored state into a Y.Doc of their own with a random client id.
export function newSeedDoc(name: string, clientId: number): Y.Doc {
	// The guid is never encoded; passing one skips Yjs's uuid, which costs 32 calls into the
	// CSPRNG per document (a tenth of the seed's time at 50,000 contacts).
	const doc = new Y.Doc({ gc: true, guid: name });
	// Y client ids are 32-bit unsigned; 0 is avoided only to keep ids obviously "set".
	doc.clientID = clientId >>> 0 || 1;
	return doc;
}
