// The browser's reader for the /import/ page: the same records, with the same spreadsheet row
// numbers, as the command line's scripts/lib/read-table.ts, so the same Validator gives the same
// messages. CSV (UTF-8 with or without BOM, GBK/GB18030, UTF-16 with BOM) is read in slices and
// decoded as a stream, so its size is not bounded by memory; XLSX loads SheetJS only when a workbook
// is chosen. Parquet is copied to CSV by DuckDB-WASM first (./parquet-browser.ts). No Node APIs: runs
// in a Web Worker (./check.worker.ts) or, for tests, in Node.
import {
  FileError,
  extensionOf,
  guessDelimiter,
  parseCsv,
  sniff,
  type Format,
  type OnRecord,
  type ReadOptions,
  type TextSource
} from './read-common';

export interface BrowserReadOptions extends ReadOptions {
  /** Bytes read so far (CSV: as the file is read; a workbook: once, when it is read whole). */
  onProgress?: (bytesRead: number) => void;
  /** A TextDecoder for a WHATWG encoding label; the default is the platform's (tests inject one). */
  decoder?: (label: string, fatal: boolean) => TextDecoder;
}
export interface BrowserReadInfo {
  format: Format;
  encoding?: string;
  records: number;
}
/** A file as the page gets it: a File (its name gives the extension) or any Blob with a name. */
export interface NamedBlob {
  name: string;
  size: number;
  slice(start?: number, end?: number): Blob;
}

const MB = 1024 * 1024;
const SLICE = 4 * MB;
const fmtBytes = (n: number) => (n >= 1024 * MB ? `${(n / 1024 / MB).toFixed(1)} GB` : `${(n / MB).toFixed(0)} MB`);
const bytesOf = async (blob: NamedBlob, start: number, end: number) => new Uint8Array(await blob.slice(start, end).arrayBuffer());
const platformDecoder = (label: string, fatal: boolean) => new TextDecoder(label, { fatal });

/** True when the whole file is valid UTF-8 (read in slices, so any size). */
export async function isUtf8(blob: NamedBlob, decoder = platformDecoder): Promise<boolean> {
  const dec = decoder('utf-8', true);
  try {
    for (let at = 0; at < blob.size; at += SLICE) dec.decode(await bytesOf(blob, at, at + SLICE), { stream: true });
    dec.decode();
    return true;
  } catch (e) {
    if (e instanceof TypeError) return false;
    throw e;
  }
}

/** Decoded text of a file as the minimal Node-style readable stream Papa Parse reads (read-common.ts
 *  TextSource): 'data' per slice, then 'end'. A slice is read only after the previous one was parsed. */
class TextStream implements TextSource {
  readonly readable = true as const;
  private listeners = new Map<string, Set<(arg?: unknown) => void>>();
  private stopped = false;
  constructor(
    private blob: NamedBlob,
    private dec: TextDecoder,
    private onProgress?: (bytesRead: number) => void
  ) {}
  read() {
    return null;
  }
  on(event: string, listener: (arg?: unknown) => void) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(listener);
    if (event === 'data' && this.listeners.get('data')!.size === 1) queueMicrotask(() => void this.pump());
    return this;
  }
  removeListener(event: string, listener: (arg?: unknown) => void) {
    this.listeners.get(event)?.delete(listener);
    return this;
  }
  pause() {}
  resume() {}
  stop() {
    this.stopped = true;
  }
  private emit(event: string, arg?: unknown) {
    for (const l of [...(this.listeners.get(event) ?? [])]) l(arg);
  }
  private async pump() {
    try {
      for (let at = 0; at < this.blob.size && !this.stopped; at += SLICE) {
        const text = this.dec.decode(await bytesOf(this.blob, at, at + SLICE), { stream: true });
        if (this.stopped) return;
        this.onProgress?.(Math.min(this.blob.size, at + SLICE));
        if (text) this.emit('data', text);
      }
      if (this.stopped) return;
      const rest = this.dec.decode();
      if (rest) this.emit('data', rest);
      this.emit('end');
    } catch (e) {
      this.emit('error', e);
    }
  }
}

const LABEL: Record<string, string> = { utf8: 'utf-8', gb18030: 'gb18030', utf16le: 'utf-16le', utf16be: 'utf-16be' };
const SHOWN: Record<string, string> = { utf8: 'UTF-8', gb18030: 'GBK', utf16le: 'UTF-16', utf16be: 'UTF-16' };

/** Reads `file` and calls onRecord for every record (header first). Throws FileError for unreadable
 *  files, with the command line's messages. */
export async function readBrowserTable(
  file: NamedBlob,
  onRecord: OnRecord,
  opts: BrowserReadOptions = {}
): Promise<BrowserReadInfo> {
  const decoder = opts.decoder ?? platformDecoder;
  const size = file.size;
  const maxBytes = opts.maxBytes ?? 2 * 1024 * MB;
  if (size === 0) throw new FileError('the file is empty');
  if (size > maxBytes)
    throw new FileError(
      `the file is ${fmtBytes(size)}, over the ${fmtBytes(maxBytes)} limit; split it (by year or province) and import each part`
    );
  const head = await bytesOf(file, 0, Math.min(size, 64 * 1024));
  const { format, utf16 } = sniff(head, extensionOf(file.name));
  const maxRecords = (opts.maxRows ?? 5_000_000) + 1;
  if (format === 'parquet')
    // The page hands Parquet to DuckDB-WASM first (./parquet-browser.ts) and this reader gets its CSV.
    throw new FileError('Parquet is read by DuckDB (./parquet-browser.ts checkAnyFile), not by this reader');
  if (format === 'xlsx' || format === 'xls') {
    const maxX = opts.maxXlsxBytes ?? 300 * MB;
    if (size > maxX)
      throw new FileError(
        `the workbook is ${fmtBytes(size)}, over the ${fmtBytes(maxX)} limit for Excel files; save it as .csv (no size limit up to ${fmtBytes(maxBytes)})`
      );
    const { readWorkbook } = await import('./read-xlsx');
    const bytes = await bytesOf(file, 0, size);
    opts.onProgress?.(size);
    const maxRows = Math.min(maxRecords - 1, opts.maxXlsxRows ?? 300_000);
    return { format, records: readWorkbook(bytes, onRecord, maxRows, opts.onWarning) };
  }
  const encoding =
    utf16 ??
    (opts.encoding === 'gbk' ? 'gb18030' : opts.encoding === 'utf8' || (await isUtf8(file, decoder)) ? 'utf8' : 'gb18030');
  const delimiter = guessDelimiter(decoder(LABEL[encoding], false).decode(head));
  const text = new TextStream(file, decoder(LABEL[encoding], false), opts.onProgress);
  return {
    format,
    encoding: SHOWN[encoding],
    records: await parseCsv(text, delimiter, onRecord, maxRecords, () => text.stop())
  };
}
