// What the command line's reader (scripts/lib/read-table.ts) and the browser's (./read-browser.ts)
// share, so both hand the validator the same records: format sniffing, the CSV delimiter, CSV
// parsing record by record, and the file errors. No Node APIs and no DOM.
import Papa from 'papaparse';
import type { Cell } from './validate';

/** Something wrong with the file itself (not with a row): its message is shown as `file: …`. */
export class FileError extends Error {}
export type Format = 'csv' | 'xlsx' | 'xls' | 'parquet';
export type OnRecord = (cells: Cell[], rowNumber: number) => void;

/** What both readers (command line and browser) accept. */
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

/** Format from the file's first bytes; a .xlsx/.xls/.parquet name whose content does not match is refused. */
export function sniff(head: Uint8Array, ext: string): { format: Format; utf16?: 'utf16le' | 'utf16be' } {
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

/** The extension of a file name, lower case with the dot ('' when none). */
export const extensionOf = (name: string) => /\.[^./\\]*$/.exec(name)?.[0].toLowerCase() ?? '';

/** Delimiter of the first non-blank line: the most frequent of , tab ; | (comma on ties). */
export function guessDelimiter(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const count = (d: string) => line.split(d).length - 1;
  return [',', '\t', ';', '|'].reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

/** A header line full of control or replacement characters means a binary file or the wrong encoding. */
export function checkText(cells: string[]) {
  const s = cells.join(',');
  // eslint-disable-next-line no-control-regex -- counting control characters is the point
  const odd = (s.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g) ?? []).length;
  if (s.length > 0 && odd > Math.max(2, s.length / 20))
    throw new FileError('the first line is not readable text (binary file or wrong encoding; try --encoding gbk or utf8)');
}

/** The part of a Node readable stream of text that Papa Parse uses: in Node an iconv decode stream,
 *  in the browser ./read-browser.ts's TextStream. */
export interface TextSource {
  readable: true;
  read(): unknown;
  on(event: 'data' | 'end' | 'error', listener: (arg?: unknown) => void): unknown;
  removeListener(event: string, listener: (arg?: unknown) => void): unknown;
  pause(): unknown;
  resume(): unknown;
}

/** Parses decoded CSV text record by record (header first, numbered from 1) into onRecord; resolves
 *  with the number of records. A parse error, too many records or an error thrown by onRecord stops
 *  it: `stop` is called (to stop reading the bytes) and the promise rejects. */
export function parseCsv(
  text: TextSource,
  delimiter: string,
  onRecord: OnRecord,
  maxRecords: number,
  stop: () => void
): Promise<number> {
  return new Promise((resolve, reject) => {
    let n = 0,
      failed = false;
    const fail = (e: unknown) => {
      if (!failed) {
        failed = true;
        reject(e);
      }
    };
    text.on('error', (e) => fail(e));
    Papa.parse<string[]>(text as unknown as NodeJS.ReadableStream, {
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
          stop();
        }
      },
      complete: () => {
        if (!failed) resolve(n);
      },
      error: (e: Error) => fail(new FileError(`cannot read CSV: ${e.message}`))
    });
  });
}
