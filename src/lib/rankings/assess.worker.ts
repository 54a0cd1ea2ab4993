// Web Worker: runs the composite engine off the main thread. A job posts the nominal result at
// once, then Monte Carlo runs in slices with progress, so the page never freezes. A newer job
// cancels an older one.
import { prepare, scoreNominal, buildResult, MonteCarlo, AssessError } from '$lib/assess';
import type { Row } from '$lib/assess';

/** A job; rows are sent only when they change (`dataKey` names them), since copying ~3,000 rows
 * into the worker on every slider move would itself block the main thread. */
export interface Job {
  type: 'job';
  id: number;
  dataKey: string;
  rows?: Row[];
  previousRows?: Row[];
  spec: unknown;
  compare?: unknown[];
}
/** A slice of a job's rows (sent before the job, in order). */
export interface RowsMessage {
  type: 'rows';
  dataKey: string;
  part: 'rows' | 'previousRows';
  start: number;
  rows: Row[];
}
export type Reply =
  | {
      id: number;
      type: 'nominal';
      result: ReturnType<typeof buildResult>;
      /** Each compared spec's rank per unit (only ranks travel: a whole result is ~1 MB to copy). */
      compare: (Ranks | null)[];
      /** Last year's rank per unit under the same method. */
      previous: Ranks | null;
      ms: number;
    }
  | { id: number; type: 'progress'; done: number; total: number }
  | { id: number; type: 'final'; result: ReturnType<typeof buildResult>; ms: number }
  | { id: number; type: 'error'; message: string };

export type Ranks = Record<string, number | null>;
const ranksOf = (r: ReturnType<typeof buildResult>): Ranks => Object.fromEntries(r.units.map((u) => [u.unit, u.rank]));

let current = 0;
let data: { key: string; rows: Row[]; previousRows: Row[] } = { key: '', rows: [], previousRows: [] };

self.onmessage = (e: MessageEvent<Job | RowsMessage>) => {
  const msg = e.data;
  if (msg.type === 'rows') {
    if (msg.dataKey !== data.key) data = { key: msg.dataKey, rows: [], previousRows: [] };
    if (msg.start === 0) data[msg.part] = [];
    data[msg.part].push(...msg.rows);
    return;
  }
  const job = { ...msg, rows: data.rows, previousRows: data.previousRows };
  current = job.id;
  const post = (r: Reply) => (self as unknown as Worker).postMessage(r);
  try {
    if (data.key !== msg.dataKey) throw new Error(`worker: data "${msg.dataKey}" was not sent`);
    const t0 = performance.now();
    const prep = prepare(job.rows, job.spec);
    const nominal = scoreNominal(prep);
    // Other specs scored on the same rows without uncertainty (e.g. the scheme's default method).
    const compare = (job.compare ?? []).map((s) => {
      try {
        const p = prepare(job.rows, s);
        return ranksOf(buildResult(p, scoreNominal(p), null));
      } catch {
        return null;
      }
    });
    // The same method on last year's rows, for rank changes year on year.
    let previous: Ranks | null = null;
    if (job.previousRows?.length) {
      try {
        const p = prepare(job.previousRows, job.spec);
        previous = ranksOf(buildResult(p, scoreNominal(p), null));
      } catch {
        previous = null;
      }
    }
    const ms = performance.now() - t0;
    post({ id: job.id, type: 'nominal', result: buildResult(prep, nominal, null), compare, previous, ms });
    const mc = new MonteCarlo(prep, nominal.rows);
    if (mc.runs === 0) return;
    const slice = () => {
      if (job.id !== current) return; // superseded
      const done = mc.step(10);
      post({ id: job.id, type: 'progress', done: mc.completed, total: mc.runs });
      if (done) post({ id: job.id, type: 'final', result: buildResult(prep, nominal, mc.result()), ms: performance.now() - t0 });
      else setTimeout(slice, 0);
    };
    setTimeout(slice, 0);
  } catch (err) {
    post({ id: job.id, type: 'error', message: err instanceof AssessError || err instanceof Error ? err.message : String(err) });
  }
};
