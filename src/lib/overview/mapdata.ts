// What the overview map draws for a parent region: provinces of the nation (with Taiwan/HK/Macau
// outlines as background), cities of a province (districts for municipalities), districts of a city.
// The shapes are computed in the map worker and remembered. Boundaries are optional: a missing file
// yields no shapes, and the tile list still works.
import { childLevel, topologyUrl } from '$lib/maps/geo';
import type { MapShapes } from '$lib/maps/shapes';
import type { ShapesRequest } from '$lib/maps/shapes.worker';
import { workerClient } from '$lib/workers';
import { dataUrl } from '$lib/data/snapshots';

const worker = workerClient<ShapesRequest, { shapes: MapShapes }>(
  () => new Worker(new URL('../maps/shapes.worker.ts', import.meta.url), { type: 'module' })
);
const memo = new Map<string, Promise<MapShapes>>();

/** Absolute URL of the boundary folder (the worker resolves URLs against its own script). */
const geoBase = () => new URL(dataUrl('../geo'), location.href).href.replace(/\/$/, '');

/** Shapes for a parent, computed once off the main thread; a failure is forgotten so it can be retried. */
export function mapShapes(parent: string): Promise<MapShapes> {
  let p = memo.get(parent);
  if (!p) {
    p = worker.ask({ parent, base: geoBase() }).then((r) => r.shapes);
    p.catch(() => memo.delete(parent));
    memo.set(parent, p);
  }
  return p;
}

/** Fetch, in the worker, the boundaries a click on this map is likely to need next. */
export function prefetchNext(parent: string): void {
  const level = childLevel(parent);
  const base = geoBase();
  const url =
    level === 'province' ? topologyUrl('city', undefined, base) : level === 'city' ? topologyUrl('district', parent, base) : null;
  if (url) worker.tell({ prefetch: url });
}
