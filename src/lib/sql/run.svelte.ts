// The console's current run: what it is doing (starting the engine, loading partitions, running),
// its progress and elapsed time, and its outcome. Starting a query supersedes the one running (it is
// cancelled in DuckDB and its answer dropped); `cancel` stops the current one. The page holds no
// sequence numbers or timers: it reads this state and calls `start` and `cancel`.
import type { Outcome, Progress } from '../data/sql-console';

export type Phase = 'starting' | 'loading' | 'running' | 'done';

/** How long a run goes before the page shows its progress and a cancel button. */
export const SLOW_MS = 300;

const engine = () => import('../data/sql-console');

export class ConsoleRun {
  phase = $state<Phase>('starting');
  progress = $state.raw<Progress | null>(null);
  outcome = $state.raw<Outcome | null>(null);
  /** Milliseconds since the current run started (ticks while it runs). */
  elapsed = $state(0);
  /** Runs finished, cancelled ones included (tests wait for the next one). */
  finished = $state(0);

  #controller: AbortController | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;

  /** The run has gone on long enough to show progress and a cancel button. */
  get slow(): boolean {
    return this.phase !== 'done' && this.elapsed >= SLOW_MS;
  }

  /** Run `sql`, superseding (cancelling) a run still going. */
  async start(sql: string): Promise<void> {
    this.#controller?.abort();
    const controller = (this.#controller = new AbortController());
    const mine = () => this.#controller === controller;
    this.phase = 'starting';
    this.progress = null;
    this.#tick();
    const { runConsoleQuery } = await engine();
    if (mine()) this.phase = 'running';
    const out = await runConsoleQuery(
      sql,
      (p) => {
        if (!mine()) return;
        this.progress = { ...p };
        this.phase = p.filesDone < p.files ? 'loading' : 'running';
      },
      controller.signal
    );
    if (!mine()) return;
    this.#controller = null;
    this.#stopTimer();
    this.outcome = out;
    this.phase = 'done';
    this.finished++;
  }

  /** Stop the current run (DuckDB cancels its query; the console stays ready for the next). */
  cancel(): void {
    this.#controller?.abort();
  }

  /** Stop the current run and its clock (the page is leaving). */
  dispose(): void {
    this.cancel();
    this.#stopTimer();
  }

  #tick() {
    this.#stopTimer();
    const t0 = performance.now();
    this.elapsed = 0;
    this.#timer = setInterval(() => (this.elapsed = performance.now() - t0), 100);
  }

  #stopTimer() {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }
}
