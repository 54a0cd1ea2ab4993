// The validated rows as the import hands them to DuckDB: CSV in the catalogue's column order with a
// header, text quoted, empty for null. Written by `npm run import` (scripts/import.ts) and by the
// /import/ page's worker; read back by snapshot-build.ts `validatedCsvSql`.
import { allColumns } from './validate';
import type { Value } from '../types';

export const tableCsvHeader = allColumns.map((c) => c.name).join(',');
const isText = allColumns.map((c) => c.type === 'VARCHAR');

/** One validated row as a CSV line (no newline). */
export const tableCsvLine = (values: Value[]) =>
  values.map((v, j) => (v === null ? '' : isText[j] ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(',');
