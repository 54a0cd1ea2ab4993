// Web Worker: fetches boundary files, converts TopoJSON and projects it (shapes.ts), so that the
// page's main thread only sets path data. A `prefetch` request loads a file the next click may need.
import { loadTopology } from './geo';
import { shapesFor, type MapShapes } from './shapes';

export type ShapesRequest = { parent: string; base: string } | { prefetch: string };
export type ShapesMsg = ShapesRequest & { id: number };
export type ShapesReply = { id: number; shapes: MapShapes } | { id: number; error: string };

self.onmessage = async (e: MessageEvent<ShapesMsg>) => {
  const m = e.data;
  if ('prefetch' in m) {
    loadTopology(m.prefetch).catch(() => {});
    return;
  }
  try {
    const shapes = await shapesFor(m.parent, m.base);
    (self as unknown as Worker).postMessage({ id: m.id, shapes } satisfies ShapesReply);
  } catch (err) {
    (self as unknown as Worker).postMessage({ id: m.id, error: (err as Error).message } satisfies ShapesReply);
  }
};
