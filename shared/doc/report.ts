// Records come from other replicas, some of them old or hostile. A record that fails its
// schema is skipped and reported here, so a view never crashes and the problem is visible.

export interface InvalidRecord {
	/** Which root type of which document kind, e.g. `contact.messages`. */
	where: string;
	key: string;
	issue: string;
}

type Listener = (record: InvalidRecord) => void;

const listeners = new Set<Listener>();
let reported = 0;

export function onInvalidRecord(listener: Listener): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

export function invalidRecordCount(): number {
	return reported;
}

export function reportInvalid(record: InvalidRecord): void {
	reported++;
	if (listeners.size === 0) console.warn(`skipped invalid record ${record.where}[${record.key}]: ${record.issue}`);
	for (const listener of listeners) listener(record);
}
