// What a map draws for one parent region, computed once: SVG path data of its child regions (and of
// the outline-only context under the national map) in a fixed viewBox, plus each region's centroid.
// The SVG scales to its box, so nothing is recomputed on resize. Pure (no DOM): runs in the map
// worker (shapes.worker.ts), so converting TopoJSON and projecting never blocks the page, and in tests.
// South China Sea islands (nation: 460000's island rings; Hainan: 三沙市) go to a 南海诸岛 inset
// (inset.ts), so that the main map fits the mainland, Hainan and Taiwan.
import { centroidsFor, childLevel, contextFeatures, featuresFor, fitProjection, pathsFor, type RegionPath } from './geo';
import { layoutWithInset, splitSouthSea, type Frame } from './inset';

/** The viewBox every map is drawn in (4:3, the map box's aspect ratio). */
export const VIEW_W = 600;
export const VIEW_H = 450;

export interface MapInset {
  /** The inset's box in viewBox coordinates. */
  frame: Frame;
  /** Regions drawn in the inset (clipped to the frame), same codes as the main map's. */
  paths: RegionPath[];
  /** Outline-only context inside the frame. */
  context: RegionPath[];
  /** The island pieces again (of regions, of the context), drawn over with an outline in their own
   * colour: most islands are smaller than a pixel. */
  islands: RegionPath[];
  contextIslands: RegionPath[];
}

export interface MapShapes {
  paths: RegionPath[];
  /** Outline-only context (Taiwan, Hong Kong, Macau under the national map). */
  context: RegionPath[];
  /** Centroid of each region in viewBox coordinates (in the inset for a region drawn only there). */
  centroids: Record<string, [number, number]>;
  /** The 南海诸岛 inset, when some regions have South China Sea islands. */
  inset?: MapInset | null;
}

export const NO_SHAPES: MapShapes = { paths: [], context: [], centroids: {}, inset: null };

/** The shapes for the map of `parent`'s children, from the TopoJSON files under `base`. */
export async function shapesFor(parent: string, base: string, fetchFn?: typeof fetch): Promise<MapShapes> {
  const level = childLevel(parent);
  if (!level) return NO_SHAPES;
  const opts = { base, fetch: fetchFn };
  const features = await featuresFor(level, level === 'province' ? undefined : parent, opts);
  const background = level === 'province' ? await contextFeatures(opts).catch(() => []) : [];
  const { main, south } = splitSouthSea(features);
  const bg = splitSouthSea(background); // Taiwan's outline holds 太平岛
  if (!main.length || !(south.length || bg.south.length)) {
    const projection = fitProjection(features, VIEW_W, VIEW_H);
    return {
      paths: pathsFor(features, projection),
      context: pathsFor(background, projection),
      centroids: Object.fromEntries(centroidsFor(features, projection)),
      inset: null
    };
  }
  const { main: onMain, inset: onInset, frame } = layoutWithInset([...main, ...bg.main], [...south, ...bg.south], VIEW_W, VIEW_H);
  return {
    paths: pathsFor(main, onMain),
    context: pathsFor(bg.main, onMain),
    centroids: Object.fromEntries([...centroidsFor(south, onInset), ...centroidsFor(main, onMain)]),
    inset: {
      frame,
      paths: pathsFor(features, onInset),
      context: pathsFor(background, onInset),
      islands: pathsFor(south, onInset),
      contextIslands: pathsFor(bg.south, onInset)
    }
  };
}
