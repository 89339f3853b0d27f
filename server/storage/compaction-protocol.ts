// Messages between the main thread and the compaction worker.
import type { CompactedState } from './compaction.ts';
import type { CompactionResult } from './types.ts';

export type CompactionTask =
	/** Read, fold and write one document of a SQLite file, all in the worker. */
	| { kind: 'sqlite'; file: string; name: string; pauseMs: number }
	/** Only fold: the caller (PostgreSQL) reads and writes itself. */
	| { kind: 'fold'; snapshot: Uint8Array | null; updates: Uint8Array[] };

export type TaskResult<T extends CompactionTask> = T extends { kind: 'sqlite' } ? CompactionResult : CompactedState;

export type WorkerRequest = { id: number; task: CompactionTask };

export type WorkerReply =
	| { type: 'done'; id: number; result: CompactionResult | CompactedState }
	| { type: 'failed'; id: number; error: string }
	| { type: 'log'; message: string };
