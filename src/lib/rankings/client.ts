// Main-thread side of the assessment worker: one worker, newest job wins.
import type { Job, Reply } from './assess.worker';

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

/** Start a job; `onreply` receives nominal, progress and final replies of this job only. */
export function runAssessment(job: Omit<Job, 'id'>, onreply: (r: Reply) => void): () => void {
  const id = ++seq;
  listeners.clear(); // older jobs are superseded
  listeners.set(id, onreply);
  const w = get();
  // Rows travel to the worker only when they changed.
  const msg: Job = job.dataKey === sentKey ? { ...job, id, rows: undefined, previousRows: undefined } : { ...job, id };
  sentKey = job.dataKey;
  w.postMessage(msg);
  return () => listeners.delete(id);
}
