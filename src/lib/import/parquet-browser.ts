// Parquet on the /import/ page, read as the command line reads it (scripts/lib/read-table.ts
// readParquet): DuckDB — here the site's own DuckDB-WASM engine (../data/duckdb.ts, which bundles the
// Parquet reader), in its worker — counts the rows and copies the table to CSV; the check worker then
// reads that CSV with the same reader and validator as any CSV (./check.ts). The file is handed to
// DuckDB as a File handle: it is read in place, never copied to the page or sent anywhere.
import { sql, trusted } from '../data/sql';
import { FileError, extensionOf, sniff } from './read-common';
import type { CheckReport } from './check';
import { checkInWorker, type Progress } from './client';
import type { CheckRequest, KeptTable } from './check.worker';

/** As the command line: at most this many data rows (scripts/import.ts MAX_ROWS). */
export const MAX_PARQUET_ROWS = 5_000_000;

/** Progress of a check, with the stage a Parquet file is in before its rows are read. */
export interface StagedProgress extends Progress {
  stage?: 'parquet';
}

/** Rows per slice of CSV (under 2 MB for all 45 columns). */
const SLICE_ROWS = 10_000;
let seq = 0;
const firstLine = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0];

/** Whether the file is Parquet by its first bytes (a name that lies is left to the reader's error). */
async function isParquet(file: File): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  try {
    return sniff(head, extensionOf(file.name)).format === 'parquet';
  } catch {
    return false; // named .parquet but not Parquet (or the reverse): the worker reports it as the CLI does
  }
}

/** The table of a Parquet file as CSV in slices (header first), written by DuckDB-WASM as the command
 *  line's DuckDB writes it. Throws FileError with the command line's messages. */
export async function parquetToCsv(file: File, maxRows = MAX_PARQUET_ROWS): Promise<Blob[]> {
  const [{ startDuckDB }, { DuckDBDataProtocol }] = await Promise.all([import('../data/duckdb'), import('@duckdb/duckdb-wasm')]);
  const { db } = await startDuckDB();
  const n = ++seq;
  const src = `import-${n}.parquet`;
  const out = `import-${n}.csv`;
  await db.registerFileHandle(src, file, DuckDBDataProtocol.BROWSER_FILEREADER, true);
  const conn = await db.connect(); // its own connection: the page's queries keep theirs
  try {
    let count: number;
    try {
      const t = await conn.query(sql`SELECT count(*)::DOUBLE AS n FROM read_parquet(${src})`.text);
      count = Number(t.getChildAt(0)?.get(0));
    } catch (e) {
      throw new FileError(`cannot read Parquet (${firstLine(e)})`);
    }
    if (count > maxRows)
      throw new FileError(`more than ${maxRows} data rows (${count}); split the file (by year or province) and import each part`);
    try {
      // In slices, each made a Blob at once (its copy is small); the file is then made of the Blobs,
      // which copies nothing: no one step on the page's thread is long, whatever the file's size.
      const parts: Blob[] = [];
      for (let at = 0; at === 0 || at < count; at += SLICE_ROWS) {
        const header = trusted(at === 0 ? 'true' : 'false');
        await conn.query(
          sql`COPY (SELECT * FROM read_parquet(${src}) LIMIT ${SLICE_ROWS} OFFSET ${at}) TO ${out} (FORMAT CSV, HEADER ${header}, DELIMITER ',', QUOTE '"')`
            .text
        );
        parts.push(new Blob([(await db.copyFileToBuffer(out)) as BlobPart]));
        await db.dropFile(out);
      }
      return parts;
    } catch (e) {
      throw new FileError(`cannot read Parquet (${firstLine(e)})`);
    }
  } finally {
    await conn.close();
    await db.dropFile(src).catch(() => {});
    await db.dropFile(out).catch(() => {});
  }
}

/** The report of a file that failed before its rows were read, as the check worker gives it. */
function fileFailure(name: string, message: string): CheckReport {
  return {
    file: name,
    format: 'parquet',
    encoding: null,
    records: 0,
    rowCount: 0,
    units: 0,
    years: [],
    problems: [],
    problemCount: 1,
    byColumn: [{ column: 'file', count: 1 }],
    fileError: message,
    warnings: [],
    lines: [`file: ${message}`],
    ok: false
  };
}

/**
 * Checks any file the page accepts: CSV and XLSX in the check worker directly; Parquet first copied
 * to CSV by DuckDB-WASM (stage 'parquet'), then that CSV in the check worker, reported under the
 * file's own name and format — the same lines as `npm run import -- FILE.parquet`.
 */
export async function checkAnyFile(
  request: CheckRequest,
  onProgress: (p: StagedProgress) => void,
  signal?: AbortSignal
): Promise<{ report: CheckReport; kept: KeptTable | null }> {
  const { file } = request;
  if (!(await isParquet(file))) return checkInWorker(request, onProgress, signal);
  onProgress({ records: 0, bytesRead: 0, size: file.size, stage: 'parquet' });
  let csv: Blob[];
  try {
    csv = await parquetToCsv(file);
  } catch (e) {
    if (e instanceof FileError) return { report: fileFailure(file.name, e.message), kept: null };
    throw e;
  }
  if (signal?.aborted) throw new DOMException('check abandoned', 'AbortError');
  const asCsv = new File(csv, `${file.name}.csv`, { type: 'text/csv' });
  const { report, kept } = await checkInWorker({ ...request, file: asCsv }, onProgress, signal);
  return { report: { ...report, file: file.name, format: 'parquet', encoding: null }, kept };
}
