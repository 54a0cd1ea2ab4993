// The first screen (KPIs from a small JSON) must not wait for heavy code. Pages call
// markFirstPaint() once their first values are on screen; ECharts and DuckDB-WASM start after it
// (or after a safety delay, so nothing waits forever when the first values cannot load).
let resolve!: () => void;
export const firstPaint = new Promise<void>((r) => (resolve = r));

export function markFirstPaint(): void {
  // Let the browser paint the frame first.
  requestAnimationFrame(() => setTimeout(resolve, 0));
}

if (typeof window !== 'undefined') setTimeout(() => resolve(), 2500);
