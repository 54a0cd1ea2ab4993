// Drawing the boundaries of static/geo: projection and paths, the map worker's shapes, the
// ChoroplethMap server render, and GB/T 2260 code helpers. (The files themselves: geo.test.ts.)
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { geoArea, geoCentroid } from 'd3-geo';
import type { Topology } from 'topojson-specification';
import { render } from 'svelte/server';
import ChoroplethMap from '../../src/lib/maps/ChoroplethMap.svelte';
import { NO_SHAPES, shapesFor, VIEW_H, VIEW_W } from '../../src/lib/maps/shapes';
import {
  childLevel,
  cityOf,
  clearTopologyCache,
  districtOf,
  featuresFor,
  featuresFromTopology,
  fitProjection,
  isMunicipality,
  levelOf,
  loadTopology,
  parentOf,
  pathsFor,
  provinceOf,
  toCode6,
  topologyUrl,
  type RegionFeature
} from '../../src/lib/maps/geo';

const dir = resolve(process.env.GEO_TEST_DIR ?? 'static/geo');
const topo = (rel: string): Topology => JSON.parse(readFileSync(join(dir, rel), 'utf8'));

describe('drawing', () => {
  const feats = () => featuresFromTopology(topo('provinces.topo.json'), 'province');

  it("projects Beijing's centroid inside the frame, nationally and on its own", () => {
    const all = feats();
    const beijing = all.find((f) => f.properties.code === '110000')!;
    for (const [fs, w, h] of [
      [all, 800, 600],
      [[beijing], 300, 300]
    ] as [RegionFeature[], number, number][]) {
      const [x, y] = fitProjection(fs, w, h)(geoCentroid(beijing))!;
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(w);
      expect(y).toBeGreaterThan(0);
      expect(y).toBeLessThan(h);
    }
    // Beijing lies north-east of Chongqing on the national map.
    const p = fitProjection(all, 800, 600);
    const [bx, by] = p(geoCentroid(beijing))!;
    const [cx, cy] = p(geoCentroid(all.find((f) => f.properties.code === '500000')!))!;
    expect(bx).toBeGreaterThan(cx);
    expect(by).toBeLessThan(cy);
  });

  it('makes one SVG path per feature', () => {
    const all = feats();
    const paths = pathsFor(all, fitProjection(all, 800, 600));
    expect(paths).toHaveLength(31);
    expect(paths.find((p) => p.code === '440000')).toMatchObject({ name: '广东省', d: expect.stringMatching(/^M[\d.]+,[\d.]+/) });
  });

  it('loads each file once and selects features by parent (municipalities straight to districts)', async () => {
    clearTopologyCache();
    let calls = 0;
    const fake = (async (url: string) => {
      calls++;
      const rel = String(url).replace(/^\/geo\//, '');
      return new Response(readFileSync(join(dir, rel)), { status: 200 });
    }) as typeof fetch;
    expect((await featuresFor('district', '110000', { fetch: fake })).length).toBe(16);
    expect((await featuresFor('district', '110100', { fetch: fake })).length).toBe(16);
    expect((await featuresFor('city', '110000', { fetch: fake })).map((f) => f.properties.code)).toEqual(['110100']);
    expect((await featuresFor('city', '440000', { fetch: fake })).length).toBe(21);
    const shenzhen = await featuresFor('district', '440300', { fetch: fake });
    expect(shenzhen.every((f) => f.properties.parent === '440300')).toBe(true);
    expect(shenzhen.length).toBeGreaterThanOrEqual(8);
    expect(calls).toBe(3);
    await loadTopology(topologyUrl('province'), fake);
    await loadTopology(topologyUrl('province'), fake);
    expect(calls).toBe(4);
    const failing = (async () => new Response('', { status: 404 })) as unknown as typeof fetch;
    clearTopologyCache();
    await expect(loadTopology('/geo/x.json', failing)).rejects.toThrow('404');
    await expect(loadTopology('/geo/x.json', fake)).rejects.toThrow(); // retried, not cached
  });

  it('accepts a department file with adcode properties and RFC 7946 winding', () => {
    const ring = [
      [116, 39],
      [117, 39],
      [117, 40],
      [116, 40],
      [116, 39]
    ]; // counter-clockwise
    const t: Topology = {
      type: 'Topology',
      arcs: [ring],
      objects: {
        anything: {
          type: 'GeometryCollection',
          geometries: [{ type: 'Polygon', arcs: [[0]], properties: { adcode: 110000, name: '北京市' } }]
        }
      }
    };
    const [f] = featuresFromTopology(t, 'province');
    expect(f.properties).toEqual({ code: '110000', name: '北京市', level: 'province', parent: null });
    expect(geoArea(f)).toBeLessThan(0.01);
  });
});

describe('map shapes and ChoroplethMap', () => {
  const fake = (async (url: string) =>
    new Response(readFileSync(join(dir, String(url).replace(/^\/geo\//, ''))), { status: 200 })) as typeof fetch;

  it('shapes for the nation: 31 provinces, the context outlines, centroids inside the viewBox', async () => {
    const s = await shapesFor('000000', '/geo', fake);
    expect(s.paths).toHaveLength(31);
    expect(s.context.length).toBeGreaterThanOrEqual(3);
    for (const [x, y] of Object.values(s.centroids)) {
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(VIEW_W);
      expect(y).toBeGreaterThan(0);
      expect(y).toBeLessThan(VIEW_H);
    }
    expect((await shapesFor('440300', '/geo', fake)).paths.every((p) => p.code.startsWith('4403'))).toBe(true);
    expect(await shapesFor('440305', '/geo', fake)).toEqual(NO_SHAPES); // a district's map is its units' list
  });

  it('renders focusable paths with data-code and escapes names (server render)', async () => {
    const shapes = await shapesFor('000000', '/geo', fake);
    shapes.paths[0].name = '<b onmouseover="x()">北京</b>';
    const { body } = render(ChoroplethMap, {
      props: {
        shapes,
        values: new Map([['440000', 3]]),
        colour: (v: number | null) => (v == null ? '#eee' : '#c00'),
        selected: '440000',
        ariaLabel: '地图'
      }
    });
    expect(body.match(/<path [^>]*data-code="\d{6}"/g)).toHaveLength(31);
    expect(body).toMatch(/<path [^>]*data-code="440000"[^>]*fill="#c00"|<path [^>]*fill="#c00"[^>]*data-code="440000"/);
    expect(body).toContain('tabindex="0"');
    expect(body).toContain('aria-label="地图"');
    expect(body).not.toContain('<b onmouseover');
    expect(body).toContain('&lt;b onmouseover');
  });
});

describe('code helpers', () => {
  it('normalises, classifies and walks codes', () => {
    expect(toCode6('11')).toBe('110000');
    expect(toCode6('4403')).toBe('440300');
    expect(toCode6(110101)).toBe('110101');
    expect(toCode6('440305003001')).toBe('440305');
    expect(() => toCode6('abc')).toThrow();
    expect(levelOf('000000')).toBe('nation');
    expect(levelOf('440000')).toBe('province');
    expect(levelOf('440300')).toBe('city');
    expect(levelOf('440305')).toBe('district');
    expect(levelOf('440305003000')).toBe('street');
    expect(levelOf('440305003001')).toBe('community');
    expect(levelOf('440305000000')).toBe('district');
    expect(parentOf('440305')).toBe('440300');
    expect(parentOf('440300')).toBe('440000');
    expect(parentOf('440000')).toBeNull();
    expect(parentOf('110101')).toBe('110100');
    expect(parentOf('440305003001')).toBe('440305003000');
    expect(parentOf('440305003000')).toBe('440305000000');
    expect(parentOf('440305000000')).toBe('440300000000');
    expect(provinceOf('440305003001')).toBe('440000');
    expect(cityOf('440305003001')).toBe('440300');
    expect(districtOf('440305003001')).toBe('440305');
    expect(isMunicipality('500230')).toBe(true);
    expect(isMunicipality('440300')).toBe(false);
    expect(childLevel('000000')).toBe('province');
    expect(childLevel('110000')).toBe('district');
    expect(childLevel('440000')).toBe('city');
    expect(childLevel('440300')).toBe('district');
    expect(childLevel('440305')).toBeNull();
    expect(topologyUrl('district', '440305', 'geo')).toBe('geo/districts/44.topo.json');
    expect(() => topologyUrl('district')).toThrow();
  });
});
