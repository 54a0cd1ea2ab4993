// Web Worker for the /import/ page: reads and validates the chosen file off the main thread
// (./check.ts), posting progress at most every 100 ms and then the report. With `keep`, a valid
// file's rows also come back as the import's CSV (./table-csv.ts) with the units' pinyin initials,
// ready for exploring the file in the browser (./local-build.ts). One worker per file: the page
// ends it to cancel. The file is read here, in the browser; nothing is sent anywhere.
import { checkFile, type CheckOptions, type CheckReport } from './check';
import { tableCsvHeader, tableCsvLine } from './table-csv';
import { allColumns, type Value } from './validate';

const NAME = allColumns.findIndex((c) => c.name === 'name');

export interface CheckRequest {
  file: File;
  year?: number;
  encoding?: CheckOptions['encoding'];
  /** Keep the valid rows (at most KEEP_MAX) for exploring the file. */
  keep?: boolean;
}
/** The validated table as CSV and "code,initials" for its units' names. */
export interface KeptTable {
  table: Blob;
  initials: Blob;
}
export type CheckReply =
  | { type: 'progress'; records: number; bytesRead: number; size: number }
  | { type: 'report'; report: CheckReport; kept: KeptTable | null }
  | { type: 'error'; message: string };

/** Rows kept for exploring in the browser; a larger file is for `npm run import`. */
export const KEEP_MAX = 1_000_000;

const post = (r: CheckReply) => (self as unknown as Worker).postMessage(r);

/** Collects valid rows as CSV text in chunks, and each unit's first name. */
function keeper() {
  const chunks: string[] = [tableCsvHeader + '\n'];
  const names = new Map<string, string>();
  let lines: string[] = [];
  let count = 0;
  return {
    row(values: Value[]) {
      if (++count > KEEP_MAX) return;
      lines.push(tableCsvLine(values));
      const code = String(values[0]);
      if (!names.has(code)) names.set(code, String(values[NAME] ?? ''));
      if (lines.length === 10_000) {
        chunks.push(lines.join('\n') + '\n');
        lines = [];
      }
    },
    async end(): Promise<KeptTable | null> {
      if (count > KEEP_MAX) return null;
      chunks.push(lines.length ? lines.join('\n') + '\n' : '');
      const { initialsOf } = await import('../search/initials'); // the pinyin dictionary only when kept
      const ini = ['code,initials'];
      for (const [code, name] of names) ini.push(`${code},${initialsOf(name)}`);
      return { table: new Blob(chunks, { type: 'text/csv' }), initials: new Blob([ini.join('\n') + '\n']) };
    }
  };
}

self.onmessage = async (e: MessageEvent<CheckRequest>) => {
  const { file, year, encoding, keep } = e.data;
  let last = 0;
  const kept = keep ? keeper() : null;
  try {
    const report = await checkFile(file, {
      year,
      encoding,
      onRow: kept ? (v) => kept.row(v) : undefined,
      onProgress: (records, bytesRead) => {
        const now = performance.now();
        if (now - last < 100) return;
        last = now;
        post({ type: 'progress', records, bytesRead, size: file.size });
      }
    });
    post({ type: 'report', report, kept: report.ok && kept ? await kept.end() : null });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
