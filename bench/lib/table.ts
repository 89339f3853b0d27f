// Every benchmark prints its result as a Markdown table, so the console output pastes into
// BENCHMARKS.md as it is.

export type Cell = string | number;

export interface Table {
	title: string;
	columns: string[];
	rows: Cell[][];
	/** Lines printed under the table: goals met or not, caveats. */
	notes?: string[];
}

const show = (cell: Cell) => (typeof cell === 'number' ? formatNumber(cell) : cell);

/** Integers with thousands separators; others to three significant decimals. */
export function formatNumber(value: number): string {
	if (!Number.isFinite(value)) return String(value);
	if (Number.isInteger(value)) return value.toLocaleString('en-US');
	const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
	return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function renderTable(table: Table): string {
	const cells = table.rows.map((row) => row.map(show));
	const widths = table.columns.map((column, i) => Math.max(column.length, ...cells.map((row) => (row[i] ?? '').length)));
	const numeric = table.columns.map((_, i) => table.rows.length > 0 && table.rows.every((row) => typeof row[i] === 'number'));
	const pad = (cell: string, i: number) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0));
	const line = (row: string[]) => `| ${row.map(pad).join(' | ')} |`;
	const rule = `|${widths.map((width, i) => (numeric[i] ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`;
	const out = [`### ${table.title}`, '', line(table.columns), rule, ...cells.map(line)];
	if (table.notes?.length) out.push('', ...table.notes);
	return out.join('\n');
}
