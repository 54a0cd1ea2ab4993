// The 南海诸岛 inset: the islands of the South China Sea are drawn in a framed box at the lower right
// (as on Chinese maps), so that the main map can be fitted to the mainland, Hainan and Taiwan instead of
// being squashed to reach 7°N. Which polygons go there is decided per polygon, by position, so the same
// rule serves the national map (460000's island rings), Hainan's map (三沙市 460300) and a department's
// own boundary files. Pure: no DOM.
import { geoConicEqualArea, geoPath, type GeoProjection } from 'd3-geo';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { fitProjection, type RegionFeature } from './geo';

/** The inset's frame in viewBox coordinates. */
export interface Frame {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The sea area the inset shows (lon/lat): Hainan's south coast to beyond the southernmost reefs, the
 * Beibu Gulf to the Bashi Channel. A department's data with islands further out widens it.
 */
export const INSET_WINDOW: [[number, number], [number, number]] = [
  [107.5, 3.5],
  [120.5, 21.5]
];

/** Bounding box [[west, south], [east, north]] of a polygon's exterior ring (planar lon/lat; China never crosses 180°). */
export function ringBox(ring: Position[]): [[number, number], [number, number]] {
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (const [x, y] of ring) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return [
    [x0, y0],
    [x1, y1]
  ];
}

/**
 * Whether a polygon is one of the South China Sea islands: wholly in the sea south of 20°N between 108°E
 * and 122°E, and either south of Hainan Island (18°N) or east of it (111.5°E). Hainan Island, the Leizhou
 * peninsula, the coastal islands and Taiwan stay on the main map.
 */
export function isSouthSeaPolygon(poly: Position[][]): boolean {
  const [[x0, y0], [x1, y1]] = ringBox(poly[0] ?? []);
  if (!(x0 >= 108 && x1 <= 122 && y1 < 20 && y0 > 0)) return false;
  return y1 < 18 || x0 > 111.5;
}

/**
 * Each feature split into its main-map part and its South-Sea-islands part (either may be absent:
 * 三沙市 has only islands, Guangdong none). Features keep their code, so both parts open the same region.
 */
export function splitSouthSea(features: RegionFeature[]): { main: RegionFeature[]; south: RegionFeature[] } {
  const main: RegionFeature[] = [],
    south: RegionFeature[] = [];
  for (const f of features) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const sea = polys.filter(isSouthSeaPolygon);
    const land = polys.filter((p) => !isSouthSeaPolygon(p));
    const part = (coordinates: Position[][][]): RegionFeature => ({
      ...f,
      geometry:
        coordinates.length === 1
          ? ({ type: 'Polygon', coordinates: coordinates[0] } as Polygon)
          : ({ type: 'MultiPolygon', coordinates } as MultiPolygon)
    });
    if (!sea.length) main.push(f);
    else {
      if (land.length) main.push(part(land));
      south.push(part(sea));
    }
  }
  return { main, south };
}

/** The inset window widened to hold every island polygon (with a 1° margin). */
export function insetWindow(south: RegionFeature[]): [[number, number], [number, number]] {
  let [[x0, y0], [x1, y1]] = INSET_WINDOW;
  for (const f of south)
    for (const p of f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) {
      const [[a, b], [c, d]] = ringBox(p[0]);
      [x0, y0, x1, y1] = [Math.min(x0, a - 1), Math.min(y0, b - 1), Math.max(x1, c + 1), Math.max(y1, d + 1)];
    }
  return [
    [x0, y0],
    [x1, y1]
  ];
}

/** Points along the window's edges (parallels are arcs in a conic projection: fit to all of them). */
function windowOutline([[x0, y0], [x1, y1]]: [[number, number], [number, number]]): GeoJSON.MultiPoint {
  const pts: Position[] = [];
  for (let i = 0; i <= 16; i++) {
    const x = x0 + ((x1 - x0) * i) / 16,
      y = y0 + ((y1 - y0) * i) / 16;
    pts.push([x, y0], [x, y1], [x0, y], [x1, y]);
  }
  return { type: 'MultiPoint', coordinates: pts };
}

/** Conic equal-area projection of the window, its width ÷ height (the frame's aspect ratio). */
export function insetProjection(window: [[number, number], [number, number]]): { projection: GeoProjection; aspect: number } {
  const [[x0, y0], [x1, y1]] = window;
  const projection = geoConicEqualArea()
    .rotate([-(x0 + x1) / 2, 0])
    .parallels([y0 + (y1 - y0) / 6, y1 - (y1 - y0) / 6]);
  const [[a, b], [c, d]] = geoPath(projection.fitSize([1000, 1000], windowOutline(window))).bounds(windowOutline(window));
  return { projection, aspect: (c - a) / (d - b) };
}

export interface InsetLayout {
  main: GeoProjection;
  inset: GeoProjection;
  frame: Frame;
}

/** Whether any vertex of the features, projected, falls inside the frame grown by `margin`. */
export function overlaps(features: RegionFeature[], projection: GeoProjection, frame: Frame, margin = 4): boolean {
  const { x, y, width, height } = frame;
  for (const f of features)
    for (const poly of f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates)
      for (const [lon, lat] of poly[0]) {
        const p = projection([lon, lat]);
        if (p && p[0] > x - margin && p[0] < x + width + margin && p[1] > y - margin && p[1] < y + height + margin) return true;
      }
  return false;
}

/**
 * The main map's projection: fitted to `land` in width × height; if it would run into the inset (`hits`),
 * first moved left into the slack beside it (as little as needed), then, if that is not enough, also
 * shrunk towards the upper left (as little as needed; bisection on the size).
 */
export function placeMain(
  land: RegionFeature[],
  width: number,
  height: number,
  pad: number,
  hits: (p: GeoProjection) => boolean
): GeoProjection {
  const place = (k: number, shift: number) => {
    const p = fitProjection(land, 2 * pad + k * (width - 2 * pad), 2 * pad + k * (height - 2 * pad), { padding: pad });
    const [[x0]] = geoPath(p).bounds({ type: 'FeatureCollection', features: land });
    const [tx, ty] = p.translate();
    return p.translate([tx - shift * Math.max(0, x0 - pad), ty]);
  };
  const search = (ok: (v: number) => boolean, lo: number, hi: number) => {
    // smallest v in [lo, hi] with ok(v), ok monotone increasing
    for (let i = 0; i < 12; i++) {
      const v = (lo + hi) / 2;
      if (ok(v)) hi = v;
      else lo = v;
    }
    return hi;
  };
  if (!hits(place(1, 0))) return place(1, 0);
  if (!hits(place(1, 1)))
    return place(
      1,
      search((v) => !hits(place(1, v)), 0, 1)
    );
  const k = 1 - search((v) => !hits(place(1 - v, 1)), 0, 0.5);
  return place(k, 1);
}

/**
 * Main projection fitted to `land` (main-map parts and context) and the inset's projection and frame in
 * the lower-right corner of width × height, `share` of the height tall (placeMain keeps them apart).
 */
export function layoutWithInset(
  land: RegionFeature[],
  south: RegionFeature[],
  width: number,
  height: number,
  opts: { padding?: number; share?: number } = {}
): InsetLayout {
  const pad = opts.padding ?? 8;
  const window = insetWindow(south);
  const { projection: inset, aspect } = insetProjection(window);
  const fh = Math.round(height * (opts.share ?? 0.3)),
    fw = Math.round(fh * aspect);
  const frame: Frame = { x: width - pad - fw, y: height - pad - fh, width: fw, height: fh };
  const inner = 3;
  inset
    .fitExtent(
      [
        [frame.x + inner, frame.y + inner],
        [frame.x + fw - inner, frame.y + fh - inner]
      ],
      windowOutline(window)
    )
    .clipExtent([
      [frame.x, frame.y],
      [frame.x + fw, frame.y + fh]
    ]);
  const main = placeMain(land, width, height, pad, (p) => overlaps(land, p, frame));
  return { main, inset, frame };
}
