// Yielding to the main thread between slices of long work, so no task blocks input for long
// (Lighthouse's total blocking time counts every task's time over 50 ms).
type Scheduler = { yield?: () => Promise<void> };

/** Resolve after the browser has had a chance to handle input and paint. */
export function yieldToMain(): Promise<void> {
  const s = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (s?.yield) return s.yield();
  return new Promise((r) => setTimeout(r, 0));
}

/** Run `work` over `items` in slices of at most `budget` ms, yielding between them. */
export async function inSlices<T>(items: T[], work: (item: T, index: number) => void, budget = 8): Promise<void> {
  let start = performance.now();
  for (let i = 0; i < items.length; i++) {
    work(items[i], i);
    if (performance.now() - start > budget) {
      await yieldToMain();
      start = performance.now();
    }
  }
}

let turns: Promise<void> = Promise.resolve();
/** Resolve in a task of its own, after every earlier caller's task: work queued with it runs one
 *  piece per task, in the order it was queued. */
export function nextTurn(): Promise<void> {
  turns = turns.then(yieldToMain);
  return turns;
}

/**
 * Reveal `total` items a few at a time, one step per task: `show(n)` shows the first n, `settle`
 * resolves once that is on the page (Svelte's `tick`). The step grows or shrinks so that each task
 * takes about `budget` ms. Stops when `live()` turns false; resolves true when all were shown.
 */
export async function revealInSteps(
  total: number,
  show: (n: number) => void,
  settle: () => Promise<void>,
  live: () => boolean,
  budget = 10
): Promise<boolean> {
  let shown = 0;
  let step = 1;
  while (shown < total) {
    await nextTurn();
    if (!live()) return false;
    const start = performance.now();
    shown = Math.min(total, shown + step);
    show(shown);
    await settle();
    const took = performance.now() - start;
    step = Math.max(1, Math.min(total, Math.floor((step * budget) / Math.max(1, took))));
  }
  return live();
}
