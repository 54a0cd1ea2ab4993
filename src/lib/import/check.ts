// One file checked as `npm run import` checks it, without writing anything: read (./read-browser.ts),
// validate (./validate.ts), and the report as the command line prints it on stderr. Runs in the
// /import/ page's worker (./check.worker.ts); pure enough to run in Node for the tests.
import { Validator, type Value } from './validate';
import { FileError, type Format } from './read-common';
import { readBrowserTable, type BrowserReadOptions, type NamedBlob } from './read-browser';

/** Problems kept as text, as the command line shows them (scripts/import.ts SHOW). */
export const SHOWN_PROBLEMS = 200;

export interface CheckOptions {
  /** As --year: the year of every row of a file without a year column. */
  year?: number;
  encoding?: BrowserReadOptions['encoding'];
  /** Records read so far and bytes read so far, as reading goes (throttle on the receiving side). */
  onProgress?: (records: number, bytesRead: number) => void;
  decoder?: BrowserReadOptions['decoder'];
  /** Called with each valid row (to keep the rows for exploring the file in the browser). */
  onRow?: (values: Value[]) => void;
}

export interface CheckReport {
  file: string;
  format: Format | null;
  encoding: string | null;
  /** Records read (header and title rows included). */
  records: number;
  /** Valid data rows, distinct units (codes) and the years they cover. */
  rowCount: number;
  units: number;
  years: number[];
  /** The first SHOWN_PROBLEMS problems, and how many there are in all. */
  problems: string[];
  problemCount: number;
  /** Problems per column (all of them, not only those shown), most first; `file` for the file itself. */
  byColumn: { column: string; count: number }[];
  /** A problem with the file itself that stopped reading. */
  fileError: string | null;
  warnings: string[];
  /** Exactly the lines `npm run import -- FILE` writes on stderr for this file. */
  lines: string[];
  ok: boolean;
}

/** Reads and validates one file; never throws for a problem with the file (it is in the report). */
export async function checkFile(file: NamedBlob, opts: CheckOptions = {}): Promise<CheckReport> {
  const byColumn = new Map<string, number>();
  const readerWarnings: string[] = [];
  let records = 0;
  let bytesRead = 0;
  const v = new Validator({
    year: opts.year,
    maxProblems: SHOWN_PROBLEMS,
    onRow: opts.onRow ?? (() => {}), // without onRow: count, do not keep
    onProblem: (column) => byColumn.set(column, (byColumn.get(column) ?? 0) + 1)
  });
  let format: Format | null = null,
    encoding: string | null = null,
    fileError: string | null = null;
  try {
    const info = await readBrowserTable(
      file,
      (cells, n) => {
        v.push(cells, n);
        if (++records % 1000 === 0) opts.onProgress?.(records, bytesRead);
      },
      {
        encoding: opts.encoding,
        decoder: opts.decoder,
        maxRows: 5_000_000,
        onWarning: (m) => readerWarnings.push(m),
        onProgress: (b) => {
          bytesRead = b;
          opts.onProgress?.(records, bytesRead);
        }
      }
    );
    format = info.format;
    encoding = info.encoding ?? null;
  } catch (e) {
    if (!(e instanceof FileError)) throw e;
    fileError = e.message; // the problems of the rows read before it are still reported
    byColumn.set('file', (byColumn.get('file') ?? 0) + 1);
  }
  const res = v.end(fileError === null);
  // As scripts/import.ts validateAll prints one file: problems, the file error, the count of the rest, warnings.
  const lines = [...res.problems];
  const hidden = res.problemCount - res.problems.length;
  if (fileError) lines.push(`file: ${fileError}`);
  if (hidden > 0) lines.push(`file: ${hidden} more problems not shown (${lines.length + hidden} in all)`);
  const warnings = [...readerWarnings, ...res.warnings];
  lines.push(...warnings.map((w) => `warning: ${w}`));
  return {
    file: file.name,
    format,
    encoding,
    records,
    rowCount: res.rowCount,
    units: res.units,
    years: res.years,
    problems: res.problems,
    problemCount: res.problemCount + (fileError ? 1 : 0),
    byColumn: [...byColumn].map(([column, count]) => ({ column, count })).sort((a, b) => b.count - a.count),
    fileError,
    warnings,
    lines,
    ok: res.problemCount === 0 && fileError === null
  };
}
