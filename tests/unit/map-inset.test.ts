// The 南海诸岛 inset (which polygons go there, where the inset and the main map are placed) and the
// arrow-key movement between map regions.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { geoPath } from 'd3-geo';
import type { Position } from 'geojson';
import { render } from 'svelte/server';
import ChoroplethMap from '../../src/lib/maps/ChoroplethMap.svelte';
import type { RegionFeature } from '../../src/lib/maps/geo';
import { isSouthSeaPolygon, layoutWithInset, placeMain, splitSouthSea } from '../../src/lib/maps/inset';
import { neighbour } from '../../src/lib/maps/keynav';
import { shapesFor, VIEW_H, VIEW_W } from '../../src/lib/maps/shapes';

const dir = resolve(process.env.GEO_TEST_DIR ?? 'static/geo');
const fake = (async (url: string) =>
  new Response(readFileSync(join(dir, String(url).replace(/^\/geo\//, ''))), { status: 200 })) as typeof fetch;

/** A closed lon/lat rectangle, clockwise (d3-geo's exterior winding). */
const rect = (x0: number, y0: number, x1: number, y1: number): Position[][] => [
  [
    [x0, y0],
    [x0, y1],
    [x1, y1],
    [x1, y0],
    [x0, y0]
  ]
];
const feature = (code: string, polys: Position[][][]): RegionFeature => ({
  type: 'Feature',
  id: code,
  properties: { code, name: code, level: 'province', parent: null },
  geometry: { type: 'MultiPolygon', coordinates: polys }
});

describe('South China Sea islands', () => {
  it('classifies polygons by position', () => {
    expect(isSouthSeaPolygon(rect(108.6, 18.15, 111.05, 20.15))).toBe(false); // Hainan Island
    expect(isSouthSeaPolygon(rect(109.6, 20.2, 110.6, 21.6))).toBe(false); // Leizhou peninsula
    expect(isSouthSeaPolygon(rect(120.0, 21.9, 122.0, 25.3))).toBe(false); // Taiwan
    expect(isSouthSeaPolygon(rect(116.7, 20.6, 116.9, 20.8))).toBe(false); // 东沙 stays beside Guangdong
    expect(isSouthSeaPolygon(rect(111.5, 15.7, 112.7, 17.1))).toBe(true); // 西沙群岛
    expect(isSouthSeaPolygon(rect(113.81, 19.17, 113.92, 19.22))).toBe(true); // east of Hainan, in the sea
    expect(isSouthSeaPolygon(rect(114.36, 10.37, 114.37, 10.38))).toBe(true); // 太平岛 (Taiwan's outline)
  });

  it('splits a feature into its main-map and island parts, keeping the code', () => {
    const hainan = feature('460000', [
      rect(108.6, 18.15, 111.05, 20.15),
      rect(111.5, 15.7, 112.7, 17.1),
      rect(113.9, 7.5, 114.5, 8)
    ]);
    const sansha = feature('460300', [rect(111.5, 15.7, 112.7, 17.1)]);
    const guangdong = feature('440000', [rect(109.6, 20.2, 117.3, 25.5)]);
    const { main, south } = splitSouthSea([hainan, sansha, guangdong]);
    expect(main.map((f) => f.properties.code)).toEqual(['460000', '440000']);
    expect(main[0].geometry).toEqual({ type: 'Polygon', coordinates: rect(108.6, 18.15, 111.05, 20.15) });
    expect(main[1]).toBe(guangdong);
    expect(south.map((f) => f.properties.code)).toEqual(['460000', '460300']);
    expect(south[0].geometry).toEqual({
      type: 'MultiPolygon',
      coordinates: [rect(111.5, 15.7, 112.7, 17.1), rect(113.9, 7.5, 114.5, 8)]
    });
  });
});

describe('placing the main map beside the inset', () => {
  const land = [feature('1', [rect(100, 20, 120, 40)])];
  const right = (p: Parameters<Parameters<typeof placeMain>[4]>[0]) =>
    geoPath(p).bounds({ type: 'FeatureCollection', features: land })[1][0];

  it('leaves a map that does not reach the inset where it is', () => {
    const free = placeMain(land, 600, 450, 8, () => false);
    expect(right(free)).toBeGreaterThan(300); // centred, full size
    const before = geoPath(free).bounds(land[0]);
    const moved = placeMain(land, 600, 450, 8, (p) => right(p) > before[1][0] - 20);
    const after = geoPath(moved).bounds(land[0]);
    // Moved left by just the 20 units needed, same size.
    expect(after[1][0]).toBeLessThanOrEqual(before[1][0] - 20);
    expect(after[1][0]).toBeGreaterThan(before[1][0] - 21);
    expect(after[1][1] - after[0][1]).toBeCloseTo(before[1][1] - before[0][1], 6);
  });

  it('shrinks the map only when moving left is not enough', () => {
    const free = geoPath(placeMain(land, 600, 450, 8, () => false)).bounds(land[0]);
    const width = free[1][0] - free[0][0];
    const limit = 8 + width * 0.8; // flush left, it must lose a fifth of its width
    const placed = geoPath(placeMain(land, 600, 450, 8, (p) => right(p) > limit)).bounds(land[0]);
    expect(placed[0][0]).toBeCloseTo(8, 1);
    expect(placed[1][0]).toBeLessThanOrEqual(limit);
    expect(placed[1][0]).toBeGreaterThan(limit - 1);
  });

  it('keeps the real land out of the frame and the islands inside it', async () => {
    const s = await shapesFor('000000', '/geo', fake);
    const { frame } = s.inset!;
    expect(frame.x + frame.width).toBeLessThanOrEqual(VIEW_W);
    expect(frame.y + frame.height).toBeLessThanOrEqual(VIEW_H);
    expect(frame.x).toBeGreaterThan(VIEW_W * 0.7);
    expect(frame.y).toBeGreaterThan(VIEW_H * 0.5);
    const numbers = (d: string) => d.match(/-?\d+(\.\d+)?/g)!.map(Number);
    for (const p of [...s.paths, ...s.context]) {
      const xy = numbers(p.d);
      for (let i = 0; i < xy.length; i += 2) {
        expect(xy[i]).toBeGreaterThanOrEqual(0);
        expect(xy[i]).toBeLessThanOrEqual(VIEW_W);
        expect(xy[i + 1]).toBeGreaterThanOrEqual(0);
        expect(xy[i + 1]).toBeLessThanOrEqual(VIEW_H);
        const inFrame =
          xy[i] > frame.x && xy[i] < frame.x + frame.width && xy[i + 1] > frame.y && xy[i + 1] < frame.y + frame.height;
        expect(inFrame, p.code).toBe(false);
      }
    }
    expect(s.inset!.islands.map((p) => p.code)).toEqual(['460000']);
    for (const p of [...s.inset!.islands, ...s.inset!.paths]) {
      const xy = numbers(p.d);
      for (let i = 0; i < xy.length; i += 2) {
        expect(xy[i]).toBeGreaterThanOrEqual(frame.x - 0.05);
        expect(xy[i]).toBeLessThanOrEqual(frame.x + frame.width + 0.05);
        expect(xy[i + 1]).toBeGreaterThanOrEqual(frame.y - 0.05);
        expect(xy[i + 1]).toBeLessThanOrEqual(frame.y + frame.height + 0.05);
      }
    }
  });

  it("Hainan's map: the main island fills the view, 三沙市 is in the inset only", async () => {
    const s = await shapesFor('460000', '/geo', fake);
    expect(s.paths.map((p) => p.code)).not.toContain('460300');
    expect(s.inset!.paths.map((p) => p.code)).toContain('460300');
    const [cx, cy] = s.centroids['460300'];
    const { frame } = s.inset!;
    expect(cx > frame.x && cx < frame.x + frame.width && cy > frame.y && cy < frame.y + frame.height).toBe(true);
  });

  it('a layout without islands has its frame but fits the land alone', () => {
    const l = layoutWithInset(land, [], 600, 450);
    expect(l.frame.y + l.frame.height).toBe(442);
    expect(l.frame.x + l.frame.width).toBe(592);
  });
});

describe('ChoroplethMap with an inset (server render)', () => {
  it("one tab stop, on the selected region; 三沙市 focusable in the inset, copies hidden; the inset's label", async () => {
    const shapes = await shapesFor('460000', '/geo', fake);
    const props = { shapes, values: new Map<string, number>(), colour: () => '#c00', ariaLabel: '地图' };
    const { body } = render(ChoroplethMap, { props: { ...props, selected: '460200' } });
    const buttons = body.match(/<path [^>]*role="button"[^>]*>/g)!;
    expect(buttons).toHaveLength(5); // 4 cities on the main map + 三沙市 in the inset
    expect(buttons.filter((b) => b.includes('tabindex="0"'))).toHaveLength(1);
    expect(buttons.find((b) => b.includes('tabindex="0"'))).toContain('data-code="460200"');
    expect(buttons.filter((b) => b.includes('tabindex="-1"'))).toHaveLength(4);
    expect(body.match(/data-code="460300"/g)).toHaveLength(1);
    expect(body).toMatch(/<path [^>]*data-inset="460300"[^>]*aria-hidden="true"/);
    expect(body).toMatch(/<rect [^>]*stroke="#64748b"/); // the frame draws in the PNG too
    expect(body).toContain('南海诸岛</text>');
    // Without a selection the first region holds the tab stop.
    const first = render(ChoroplethMap, { props }).body.match(/<path [^>]*tabindex="0"[^>]*>/g)!;
    expect(first).toHaveLength(1);
    expect(first[0]).toContain(`data-code="${shapes.paths[0].code}"`);
  });
});

describe('arrow keys', () => {
  // 3 × 3 grid, 100 apart, plus one far off to the upper right.
  const grid = new Map<string, [number, number]>([
    ['nw', [0, 0]],
    ['n', [100, 0]],
    ['ne', [200, 0]],
    ['w', [0, 100]],
    ['c', [100, 100]],
    ['e', [200, 100]],
    ['sw', [0, 200]],
    ['s', [100, 200]],
    ['se', [200, 200]]
  ]);

  it('moves to the nearest region in the arrow direction', () => {
    expect(neighbour(grid, 'c', 'right')).toBe('e');
    expect(neighbour(grid, 'c', 'left')).toBe('w');
    expect(neighbour(grid, 'c', 'up')).toBe('n');
    expect(neighbour(grid, 'c', 'down')).toBe('s');
    expect(neighbour(grid, 'nw', 'down')).toBe('w');
  });

  it('prefers straight ahead to a nearer region off to the side; stays at the edge', () => {
    const pts = new Map<string, [number, number]>([
      ['a', [0, 0]],
      ['diagonal', [40, 35]], // 53 away, mostly sideways
      ['ahead', [90, 5]] // 90 away, straight right
    ]);
    expect(neighbour(pts, 'a', 'right')).toBe('ahead');
    expect(neighbour(grid, 'e', 'right')).toBeNull();
    expect(neighbour(grid, 'n', 'up')).toBeNull();
    expect(neighbour(grid, 'missing', 'up')).toBeNull();
  });
});
