// Reads a department's table — CSV (UTF-8 with or without BOM, GBK/GB18030, UTF-16 with BOM), XLSX
// (first sheet; old .xls too) or Parquet — and hands every record to a callback as it is read,
// header included, with the row number a spreadsheet user sees (header = row 1 in a plain file).
// Cells are strings, numbers, booleans or null; nothing is interpreted here (see validate.ts).
// Everything that is wrong with the file itself is thrown as a FileError with a readable message.
import { closeSync, createReadStream, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import * as XLSX from '@e965/xlsx';
import type { Cell } from './validate';
import { NOTES_SHEET } from '../../src/lib/import/template-xlsx';

export class FileError extends Error {}
export type Format = 'csv' | 'xlsx' | 'xls' | 'parquet';
export interface ReadOptions {
  /** Force a CSV encoding; otherwise UTF-8 when the bytes are valid UTF-8, else GBK (read as GB18030, its superset). */
  encoding?: 'utf8' | 'gbk';
  /** Refuse files with more data rows than this. */
  maxRows?: number;
  /** Refuse files larger than this many bytes. XLSX is read whole into memory and has its own, lower limits. */
  maxBytes?: number;
  maxXlsxBytes?: number;
  maxXlsxRows?: number;
  onWarning?: (message: string) => void;
}
export interface ReadInfo {
  format: Format;
  encoding?: string;
  records: number;
}
export type OnRecord = (cells: Cell[], rowNumber: number) => void;

const MB = 1024 * 1024;
const fmtBytes = (n: number) => (n >= 1024 * MB ? `${(n / 1024 / MB).toFixed(1)} GB` : `${(n / MB).toFixed(0)} MB`);

/** Format from the file's first bytes; a .xlsx/.xls/.parquet name whose content does not match is refused. */
export function sniff(head: Buffer, ext: string): { format: Format; utf16?: 'utf16le' | 'utf16be' } {
  const starts = (...b: number[]) => b.every((x, i) => head[i] === x);
  let format: Format | null = null;
  if (starts(0x50, 0x41, 0x52, 0x31)) format = 'parquet';
  else if (starts(0x50, 0x4b, 0x03, 0x04)) format = 'xlsx';
  else if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) format = 'xls';
  const want: Record<string, Format> = { '.parquet': 'parquet', '.xlsx': 'xlsx', '.xlsm': 'xlsx', '.xls': 'xls' };
  if (
    want[ext] &&
    format !== want[ext] &&
    !(want[ext] === 'xls' && format === 'xlsx') &&
    !(want[ext] === 'xlsx' && format === 'xls')
  ) {
    throw new FileError(
      `the file is named ${ext} but its content is not ${want[ext] === 'parquet' ? 'Parquet' : 'an Excel workbook'} (damaged, or another format renamed)`
    );
  }
  if (format) return { format };
  if (starts(0xff, 0xfe)) return { format: 'csv', utf16: 'utf16le' };
  if (starts(0xfe, 0xff)) return { format: 'csv', utf16: 'utf16be' };
  if (head.includes(0)) throw new FileError('not a CSV, XLSX or Parquet file (binary content); save the table as .xlsx or .csv');
  return { format: 'csv' };
}

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

/** Delimiter of the first non-blank line: the most frequent of , tab ; | (comma on ties). */
export function guessDelimiter(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const count = (d: string) => line.split(d).length - 1;
  return [',', '\t', ';', '|'].reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

async function readCsv(file: string, enc: string, delimiter: string, onRecord: OnRecord, maxRecords: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let n = 0,
      failed = false;
    const fail = (e: unknown) => {
      if (!failed) {
        failed = true;
        reject(e);
      }
    };
    const bytes = createReadStream(file, { highWaterMark: MB }).on('error', fail);
    const text = bytes.pipe(iconv.decodeStream(enc)).on('error', fail);
    Papa.parse<string[]>(text, {
      delimiter,
      skipEmptyLines: false,
      header: false,
      step(res, parser) {
        if (failed) return;
        n++;
        const err = res.errors[0];
        try {
          if (err)
            throw new FileError(
              `row ${n}: ${err.code === 'MissingQuotes' ? 'a quoted value is never closed (a stray " character?)' : err.message}`
            );
          if (n > maxRecords)
            throw new FileError(
              `more than ${maxRecords - 1} data rows; split the file (by year or province) and import each part`
            );
          if (n === 1) checkText(res.data);
          onRecord(res.data, n);
        } catch (e) {
          fail(e); // before abort(), which calls complete()
          parser.abort();
          bytes.destroy();
        }
      },
      complete: () => {
        if (!failed) resolve(n);
      },
      error: (e: Error) => fail(new FileError(`cannot read CSV: ${e.message}`))
    });
  });
}

/** A header line full of control or replacement characters means a binary file or the wrong encoding. */
function checkText(cells: string[]) {
  const s = cells.join(',');
  // eslint-disable-next-line no-control-regex -- counting control characters is the point
  const odd = (s.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g) ?? []).length;
  if (s.length > 0 && odd > Math.max(2, s.length / 20))
    throw new FileError('the first line is not readable text (binary file or wrong encoding; try --encoding gbk or utf8)');
}

function readWorkbook(file: string, onRecord: OnRecord, maxRows: number, onWarning?: (m: string) => void): number {
  let wb: XLSX.WorkBook;
  const bytes = readFileSync(file);
  try {
    // dense: half the memory and time of SheetJS's default; sheetRows: stop storing cells past the limit
    wb = XLSX.read(bytes, {
      type: 'buffer',
      dense: true,
      sheetRows: maxRows + 1,
      cellFormula: false,
      cellHTML: false,
      cellText: false,
      cellStyles: false,
      cellDates: false
    });
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    // A password-protected workbook is an OLE container (D0 CF 11 E0) holding an encrypted package;
    // a ZIP (PK) that fails to read is damaged, whatever the reader says about encryption.
    const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
    throw new FileError(
      ole && /password|encrypt/i.test(msg)
        ? 'the workbook is password-protected; remove the password and save again'
        : `cannot read the workbook: the file is damaged or not a workbook (${msg.split('\n')[0]}); open it in Excel or WPS and save as .xlsx or .csv`
    );
  }
  const name = wb.SheetNames[0];
  if (!name) throw new FileError('the workbook has no sheets');
  // The template's own notes sheet (npm run template) is expected beside the data; any other sheet may hold data.
  if (wb.SheetNames.slice(1).some((s) => s !== NOTES_SHEET))
    onWarning?.(`file: the workbook has ${wb.SheetNames.length} sheets; only the first ("${name}") is read`);
  const ws = wb.Sheets[name];
  if (!ws || !ws['!ref']) return 0;
  const full = XLSX.utils.decode_range(ws['!fullref'] ?? ws['!ref']);
  if (full.e.r - full.s.r > maxRows)
    throw new FileError(
      `the sheet has ${full.e.r - full.s.r + 1} rows; Excel files are read up to ${maxRows} data rows here: save it as CSV and import that`
    );
  const first = XLSX.utils.decode_range(ws['!ref']).s.r; // 0-based index of the first row in the sheet's range
  const records = XLSX.utils.sheet_to_json<Cell[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });
  records.forEach((r, i) => onRecord(r, first + i + 1));
  return records.length;
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
