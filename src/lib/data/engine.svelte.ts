// Whether DuckDB-WASM is up, for pages that show it. The query layer starts the engine on the first
// query that needs it; `warmEngine` starts it ahead of need, in idle time after the first paint.
import { loadEngine } from './query';

export const engine = $state<{ ready: boolean; error: string | null }>({ ready: false, error: null });

let warming: Promise<void> | null = null;
/** Start DuckDB-WASM in the background (idempotent; browser only). */
export function warmEngine(): Promise<void> {
  warming ??= loadEngine().then(
    () => {
      engine.ready = true;
    },
    (e) => {
      engine.error = String(e);
      warming = null;
    }
  );
  return warming;
}
