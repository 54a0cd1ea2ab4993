// Main-thread side of the assessment worker: one worker, newest job wins.
import type { Job, Reply, RowsMessage } from './assess.worker';
import { yieldToMain } from '$lib/schedule';

let worker: Worker | null = null;
let seq = 0;
let sentKey = '';
const listeners = new Map<number, (r: Reply) => void>();

function get(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./assess.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<Reply>) => listeners.get(e.data.id)?.(e.data);
  }
  return worker;
}

const CHUNK = 250;
let sending: Promise<void> = Promise.resolve();
/** Rows go to the worker in small messages with yields between (one message of ~6,000 rows would
 * block the page while it is copied), and only when they changed (`dataKey` names them). */
function sendRows(w: Worker, dataKey: string, rows: Job['rows'] = [], previousRows: Job['rows'] = []): Promise<void> {
  sentKey = dataKey;
  sending = sending.then(async () => {
    for (const [part, list] of [
      ['rows', rows],
      ['previousRows', previousRows]
    ] as const) {
      for (let start = 0; start === 0 || start < list.length; start += CHUNK) {
        const msg: RowsMessage = { type: 'rows', dataKey, part, start, rows: list.slice(start, start + CHUNK) };
        w.postMessage(msg);
        await yieldToMain();
      }
    }
  });
  return sending;
}

/** Start a job; `onreply` receives nominal, progress and final replies of this job only. */
export function runAssessment(job: Omit<Job, 'id' | 'type'>, onreply: (r: Reply) => void): () => void {
  const id = ++seq;
  listeners.clear(); // older jobs are superseded
  listeners.set(id, onreply);
  const w = get();
  const rowsSent = job.dataKey === sentKey ? sending : sendRows(w, job.dataKey, job.rows, job.previousRows);
  rowsSent.then(() => {
    if (!listeners.has(id)) return; // superseded while the rows were on their way
    const msg: Job = { ...job, type: 'job', id, rows: undefined, previousRows: undefined };
    w.postMessage(msg);
  });
  return () => listeners.delete(id);
}
