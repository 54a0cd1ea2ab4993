/**
 * The assessment schemes in data/schemes/ parse, use only catalogue indicator ids with
 * the catalogue's direction, give resident satisfaction a heavy weight and count burden
 * as deductions, and run on a synthetic mixed urban/rural data set. A scheme names catalogue
 * indicators and takes their direction, names, targets and red thresholds from the catalogue.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assess, effectiveWeights, parseSpec } from '../../../src/lib/assess';
import type { Row } from '../../../src/lib/assess';
import { mulberry32 } from './helpers';
import { resolveScheme } from '../../../src/lib/assess/scheme';
import { indicator, indicators } from '../../../src/lib/indicators/catalogue';

// The product catalogue: ids with their direction (0 = neither).
const CATALOGUE: Record<string, 1 | -1 | 0> = Object.fromEntries(indicators.map((d) => [d.id, d.direction]));
const URBAN_ONLY = ['facility_coverage_urban', 'self_service_coverage', 'workers_per_10k'];
const RURAL_ONLY = ['facility_coverage_rural'];

const dir = new URL('../../../data/schemes/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const read = (f: string) => JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
const load = (f: string) => resolveScheme(read(f), indicators);

/** 300 synthetic districts, half urban, with plausible ranges and urban/rural nulls. */
function districts(): Row[] {
  const rnd = mulberry32(2024);
  return Array.from({ length: 300 }, (_, i) => {
    const urban = i % 2 === 0;
    const r: Row = { code: String(110000 + i), urban: urban ? 1 : 0 };
    for (const id of Object.keys(CATALOGUE)) r[id] = Math.round(rnd() * 1000) / 10;
    r.admin_items = 60 + rnd() * 180;
    r.signboards = 2 + rnd() * 12;
    r.certified_per_community = rnd() * 2;
    for (const id of urban ? RURAL_ONLY : URBAN_ONLY) r[id] = null;
    return r;
  });
}

describe('assessment schemes', () => {
  it('default, equal and targets exist', () => {
    expect(files).toEqual(expect.arrayContaining(['default.json', 'equal.json', 'targets.json']));
  });

  for (const f of files) {
    describe(f, () => {
      const raw = load(f);
      const spec = parseSpec(raw);
      it('parses, names itself in zh and en, and uses catalogue ids with their direction', () => {
        expect(typeof raw.name_zh).toBe('string');
        expect(typeof raw.name_en).toBe('string');
        for (const d of spec.indicators) {
          expect(Object.keys(CATALOGUE)).toContain(d.column);
          expect(CATALOGUE[d.column]).toBe(d.direction);
        }
        for (const g of spec.groups) expect(g.name_zh && g.name_en).toBeTruthy();
      });
      it('runs on mixed urban/rural districts and ranks every unit', () => {
        const res = assess(districts(), spec, { monteCarlo: { runs: 50 } });
        expect(res.units.every((u) => u.status === 'ok' && u.rank !== null && u.rank_p05 !== null)).toBe(true);
        expect(Object.values(res.effectiveWeights).reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
      });
    });
  }

  it('default: resident satisfaction weighs 35–40% and burden indicators are deductions', () => {
    const spec = parseSpec(load('default.json'));
    const eff = effectiveWeights(spec);
    expect(eff.groups.satisfaction).toBeGreaterThanOrEqual(0.35);
    expect(eff.groups.satisfaction).toBeLessThanOrEqual(0.4);
    expect(Math.max(...Object.values(eff.groups))).toBe(eff.groups.satisfaction);
    const burden = spec.groups.find((g) => g.id === 'burden')!;
    for (const id of burden.members) expect(spec.indicators.find((d) => d.id === id)!.direction).toBe(-1);
    // indicators defined for every unit only (mixed urban/rural districts)
    for (const d of spec.indicators) expect([...URBAN_ONLY, ...RURAL_ONLY]).not.toContain(d.column);
  });

  it('equal: every dimension has the same weight', () => {
    const eff = effectiveWeights(parseSpec(load('equal.json')));
    for (const w of Object.values(eff.groups)) expect(w).toBeCloseTo(1 / 7, 12);
  });

  it('targets: fixed targets only, so no rank reversal', () => {
    const spec = parseSpec(load('targets.json'));
    expect(spec.indicators.every((d) => d.normalise.method === 'target')).toBe(true);
    expect(assess(districts(), spec, { uncertainty: false }).rankReversalPossible).toBe(false);
  });

  it("targets: every target and red threshold is the catalogue's, and no scheme file restates one", () => {
    const spec = parseSpec(load('targets.json'));
    for (const d of spec.indicators) {
      const c = indicator(d.column);
      expect(d.normalise).toMatchObject({ method: 'target', target: c.target!.value, lower: c.thresholds!.red });
    }
    for (const f of files)
      for (const d of read(f).indicators) {
        const c = indicator(d.id);
        expect(d.direction, `${f} ${d.id}`).toBeUndefined();
        expect(d.name_zh ?? d.name_en, `${f} ${d.id}`).toBeUndefined();
        if (d.normalise?.method === 'target') {
          if (d.normalise.target !== undefined) expect(d.normalise.target, `${f} ${d.id}`).not.toBe(c.target?.value);
          if (d.normalise.lower !== undefined) expect(d.normalise.lower, `${f} ${d.id}`).not.toBe(c.thresholds?.red);
        }
      }
  });
});

describe('resolveScheme', () => {
  const one = (d: Record<string, unknown>) => resolveScheme({ indicators: [d] }, indicators).indicators[0];
  it('fills direction, names, target and red threshold from the catalogue; keeps what the spec gives', () => {
    expect(one({ id: 'admin_items', normalise: { method: 'target' } })).toEqual({
      id: 'admin_items',
      column: 'admin_items',
      direction: -1,
      name_zh: indicator('admin_items').zh,
      name_en: indicator('admin_items').en,
      normalise: {
        method: 'target',
        lower: indicator('admin_items').thresholds!.red,
        target: indicator('admin_items').target!.value
      }
    });
    expect(one({ id: 'certified_share', normalise: { method: 'target', lower: 0 } }).normalise).toEqual({
      method: 'target',
      lower: 0,
      target: 50
    });
  });
  it('refuses a reversed direction and a target the catalogue does not have, naming the field', () => {
    expect(() => one({ id: 'admin_items', direction: 1 })).toThrow(/^indicators\[0\]\.direction: .*admin_items direction -1/);
    expect(() => one({ id: 'elderly_daycare_coverage', normalise: { method: 'target' } })).toThrow(
      /^indicators\[0\]\.normalise\.target: .*separate urban and rural targets/
    );
  });
  it('leaves columns outside the catalogue (command-line data) unchanged', () => {
    const d = { id: 'le', column: 'le', normalise: { method: 'goalposts', low: 20, high: 85 } };
    expect(one(d)).toEqual(d);
  });
});
