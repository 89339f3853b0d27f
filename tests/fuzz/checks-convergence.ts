import * as Y from 'yjs';
import { AGENT_MAPS, CONTACT_MAPS, INDEX_FIELDS, parseDocName, WORKSPACE_MAPS } from '../../shared/doc/index.ts';
import type { FuzzWorld } from './world.ts';

// After a full sync every replica must hold the same state of every document it has: the same
// state vector, the same encoded update byte for byte, and the same JSON of every root map
// (key order aside: a Y.Map's iteration order depends on arrival order, not on state).

function rootNames(docName: string): readonly string[] {
	const kind = parseDocName(docName)?.kind;
	if (kind === 'workspace') return WORKSPACE_MAPS;
	if (kind === 'index') return INDEX_FIELDS;
	if (kind === 'contact') return CONTACT_MAPS;
	if (kind === 'agent') return AGENT_MAPS;
	throw new Error(`unexpected document ${docName}`);
}

/** JSON with object keys sorted, so equal maps print equal whatever their insertion order. */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value);
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const record = value as Record<string, unknown>;
	return `{${Object.keys(record)
		.sort()
		.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
		.join(',')}}`;
}

function snapshot(doc: Y.Doc, docName: string) {
	const roots: Record<string, string> = {};
	for (const name of rootNames(docName)) roots[name] = canonicalJson(doc.getMap(name).toJSON());
	return {
		stateVector: Buffer.from(Y.encodeStateVector(doc)).toString('base64'),
		update: Buffer.from(Y.encodeStateAsUpdate(doc)),
		roots
	};
}

export function checkConvergence(world: FuzzWorld): void {
	if (world.network.pending() !== 0) throw new Error(`${world.network.pending()} messages still queued after flush`);
	const byName = new Map<string, { replica: string; doc: Y.Doc }[]>();
	for (const replica of world.network.replicas) {
		for (const [name, doc] of replica.docs) {
			if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
				throw new Error(`${replica.name} has pending (unintegrated) updates in ${name}`);
			}
			const holders = byName.get(name) ?? [];
			holders.push({ replica: replica.name, doc });
			byName.set(name, holders);
		}
	}
	for (const [name, holders] of byName) {
		const reference = snapshot(holders[0]!.doc, name);
		for (const { replica, doc } of holders.slice(1)) {
			const other = snapshot(doc, name);
			const where = `${name}: ${replica} differs from ${holders[0]!.replica}`;
			if (other.stateVector !== reference.stateVector) throw new Error(`${where} (state vector)`);
			for (const root of rootNames(name)) {
				if (other.roots[root] !== reference.roots[root]) throw new Error(`${where} (root map ${root})`);
			}
			if (!other.update.equals(reference.update)) throw new Error(`${where} (encoded state bytes)`);
		}
	}
}
