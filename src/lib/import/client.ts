// The /import/ page's side of the check worker (./check.worker.ts): one worker per file, ended when
// the check is done or abandoned (a newer file, or the page closed).
import type { CheckReport } from './check';
import type { CheckReply, CheckRequest, KeptTable } from './check.worker';

export interface Progress {
  records: number;
  bytesRead: number;
  size: number;
}

/** Checks `file` in a worker. Resolves with the report (and with `keep`, a valid file's rows); rejects when the worker fails or `signal` aborts. */
export function checkInWorker(
  request: CheckRequest,
  onProgress: (p: Progress) => void,
  signal?: AbortSignal
): Promise<{ report: CheckReport; kept: KeptTable | null }> {
  const worker = new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve, reject) => {
    const done = () => {
      worker.terminate();
      signal?.removeEventListener('abort', abort);
    };
    const abort = () => {
      done();
      reject(new DOMException('check abandoned', 'AbortError'));
    };
    if (signal?.aborted) return abort();
    signal?.addEventListener('abort', abort);
    worker.onmessage = (e: MessageEvent<CheckReply>) => {
      const r = e.data;
      if (r.type === 'progress') return onProgress(r);
      done();
      if (r.type === 'report') resolve({ report: r.report, kept: r.kept });
      else reject(new Error(r.message));
    };
    worker.onerror = (e) => {
      done();
      reject(new Error(e.message || 'the check worker failed to start'));
    };
    worker.postMessage(request);
  });
}
