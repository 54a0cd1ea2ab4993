// What a map draws for one parent region, computed once: SVG path data of its child regions (and of
// the outline-only context under the national map) in a fixed viewBox, plus each region's centroid.
// The SVG scales to its box, so nothing is recomputed on resize. Pure (no DOM): runs in the map
// worker (shapes.worker.ts), so converting TopoJSON and projecting never blocks the page, and in tests.
import { centroidsFor, childLevel, contextFeatures, featuresFor, fitProjection, pathsFor, type RegionPath } from './geo';

/** The viewBox every map is drawn in (4:3, the map box's aspect ratio). */
export const VIEW_W = 600;
export const VIEW_H = 450;

export interface MapShapes {
  paths: RegionPath[];
  /** Outline-only context (Taiwan, Hong Kong, Macau under the national map). */
  context: RegionPath[];
  /** Centroid of each region in viewBox coordinates. */
  centroids: Record<string, [number, number]>;
}

export const NO_SHAPES: MapShapes = { paths: [], context: [], centroids: {} };

/** The shapes for the map of `parent`'s children, from the TopoJSON files under `base`. */
export async function shapesFor(parent: string, base: string, fetchFn?: typeof fetch): Promise<MapShapes> {
  const level = childLevel(parent);
  if (!level) return NO_SHAPES;
  const opts = { base, fetch: fetchFn };
  const features = await featuresFor(level, level === 'province' ? undefined : parent, opts);
  const background = level === 'province' ? await contextFeatures(opts).catch(() => []) : [];
  const projection = fitProjection(features, VIEW_W, VIEW_H);
  return {
    paths: pathsFor(features, projection),
    context: pathsFor(background, projection),
    centroids: Object.fromEntries(centroidsFor(features, projection))
  };
}
