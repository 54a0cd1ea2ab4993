// Reads a department's table — CSV (UTF-8 with or without BOM, GBK/GB18030, UTF-16 with BOM), XLSX
// (first sheet; old .xls too) or Parquet — and hands every record to a callback as it is read,
// header included, with the row number a spreadsheet user sees (header = row 1 in a plain file).
// Cells are strings, numbers, booleans or null; nothing is interpreted here (see validate.ts).
// Everything that is wrong with the file itself is thrown as a FileError with a readable message.
import { closeSync, createReadStream, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import iconv from 'iconv-lite';
import {
  FileError,
  guessDelimiter,
  parseCsv,
  sniff,
  type Format,
  type OnRecord,
  type ReadOptions,
  type TextSource
} from '../../src/lib/import/read-common';
import { readWorkbook as readWorkbookBytes } from '../../src/lib/import/read-xlsx';

export { FileError, sniff, guessDelimiter, type Format, type ReadOptions } from '../../src/lib/import/read-common';
export interface ReadInfo {
  format: Format;
  encoding?: string;
  records: number;
}
export type { OnRecord };

const MB = 1024 * 1024;
const fmtBytes = (n: number) => (n >= 1024 * MB ? `${(n / 1024 / MB).toFixed(1)} GB` : `${(n / MB).toFixed(0)} MB`);

/** True when the whole file is valid UTF-8 (streamed, so any size). */
async function isUtf8(file: string): Promise<boolean> {
  const dec = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 4 * MB })) dec.decode(chunk as Buffer, { stream: true });
    dec.decode();
    return true;
  } catch (e) {
    if (e instanceof TypeError) return false;
    throw e;
  }
}

/** CSV: the bytes streamed through iconv-lite into the shared record parser (src/lib/import/read-common.ts). */
function readCsv(file: string, enc: string, delimiter: string, onRecord: OnRecord, maxRecords: number): Promise<number> {
  const bytes = createReadStream(file, { highWaterMark: MB });
  const text = bytes.pipe(iconv.decodeStream(enc));
  bytes.on('error', (e) => text.emit('error', e));
  return parseCsv(text as unknown as TextSource, delimiter, onRecord, maxRecords, () => bytes.destroy());
}

function readWorkbook(file: string, onRecord: OnRecord, maxRows: number, onWarning?: (m: string) => void): number {
  return readWorkbookBytes(readFileSync(file), onRecord, maxRows, onWarning);
}

/** Parquet: DuckDB copies it to a temporary CSV (much faster than converting values one by one in JS), read like any CSV. */
async function readParquet(file: string, onRecord: OnRecord, maxRecords: number): Promise<number> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  const dir = mkdtempSync(join(tmpdir(), 'cgo-parquet-'));
  const csv = join(dir, 'table.csv');
  const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
  try {
    try {
      const count = Number((await con.runAndReadAll(`SELECT count(*) FROM read_parquet(${lit(file)})`)).getRowsJS()[0][0]);
      if (count + 1 > maxRecords)
        throw new FileError(
          `more than ${maxRecords - 1} data rows (${count}); split the file (by year or province) and import each part`
        );
      await con.run(
        `COPY (SELECT * FROM read_parquet(${lit(file)})) TO ${lit(csv)} (FORMAT CSV, HEADER, DELIMITER ',', QUOTE '"')`
      );
    } catch (e) {
      if (e instanceof FileError) throw e;
      throw new FileError(`cannot read Parquet (${String((e as Error).message ?? e).split('\n')[0]})`);
    } finally {
      con.closeSync();
      inst.closeSync();
    }
    return await readCsv(csv, 'utf8', ',', onRecord, maxRecords);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads `file` and calls onRecord for every record (header first). Throws FileError for unreadable files. */
export async function readTable(file: string, onRecord: OnRecord, opts: ReadOptions = {}): Promise<ReadInfo> {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new FileError(`${file} is a folder, not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof FileError) throw e;
    throw new FileError(`cannot open ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const maxBytes = opts.maxBytes ?? 2 * 1024 * MB;
  if (size === 0) throw new FileError('the file is empty');
  if (size > maxBytes)
    throw new FileError(
      `the file is ${fmtBytes(size)}, over the ${fmtBytes(maxBytes)} limit; split it (by year or province) and import each part`
    );
  const head = Buffer.alloc(Math.min(size, 64 * 1024));
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const { format, utf16 } = sniff(head, extname(file).toLowerCase());
  const maxRecords = (opts.maxRows ?? 5_000_000) + 1;
  if (format === 'parquet') return { format, records: await readParquet(file, onRecord, maxRecords) };
  if (format === 'xlsx' || format === 'xls') {
    const maxX = opts.maxXlsxBytes ?? 300 * MB;
    if (size > maxX)
      throw new FileError(
        `the workbook is ${fmtBytes(size)}, over the ${fmtBytes(maxX)} limit for Excel files; save it as .csv (no size limit up to ${fmtBytes(maxBytes)})`
      );
    return {
      format,
      records: readWorkbook(file, onRecord, Math.min(maxRecords - 1, opts.maxXlsxRows ?? 300_000), opts.onWarning)
    };
  }
  const encoding =
    utf16 ?? (opts.encoding === 'gbk' ? 'gb18030' : opts.encoding === 'utf8' || (await isUtf8(file)) ? 'utf8' : 'gb18030');
  const delimiter = guessDelimiter(iconv.decode(head, encoding));
  return {
    format,
    encoding: encoding === 'gb18030' ? 'GBK' : encoding === 'utf8' ? 'UTF-8' : 'UTF-16',
    records: await readCsv(file, encoding, delimiter, onRecord, maxRecords)
  };
}
