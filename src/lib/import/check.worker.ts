// Web Worker for the /import/ page: reads and validates the chosen file off the main thread
// (./check.ts), posting progress at most every 100 ms and then the report. One worker per file: the
// page ends it to cancel. The file is read here, in the browser; nothing is sent anywhere.
import { checkFile, type CheckOptions, type CheckReport } from './check';

export interface CheckRequest {
  file: File;
  year?: number;
  encoding?: CheckOptions['encoding'];
}
export type CheckReply =
  | { type: 'progress'; records: number; bytesRead: number; size: number }
  | { type: 'report'; report: CheckReport }
  | { type: 'error'; message: string };

const post = (r: CheckReply) => (self as unknown as Worker).postMessage(r);

self.onmessage = async (e: MessageEvent<CheckRequest>) => {
  const { file, year, encoding } = e.data;
  let last = 0;
  try {
    const report = await checkFile(file, {
      year,
      encoding,
      onProgress: (records, bytesRead) => {
        const now = performance.now();
        if (now - last < 100) return;
        last = now;
        post({ type: 'progress', records, bytesRead, size: file.size });
      }
    });
    post({ type: 'report', report });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
