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
