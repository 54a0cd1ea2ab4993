import { describe, it, expect } from 'vitest';
import {
  buildSpec,
  defaultMethod,
  isDefault,
  methodFromJson,
  parseView,
  schemes,
  viewToSearch
} from '../../src/lib/rankings/method';
import { assess } from '../../src/lib/assess';

const years = [2019, 2020, 2021, 2022, 2023, 2024, 2025];

describe('rankings method', () => {
  it('loads the schemes, default first', () => {
    expect(schemes[0].id).toBe('default');
    expect(schemes.map((s) => s.id)).toEqual(expect.arrayContaining(['equal', 'targets']));
  });
  it('URL round-trip of a changed method', () => {
    const m = {
      ...defaultMethod(),
      norm: 'zscore' as const,
      aggGroup: 'geometric' as const,
      weights: { ...defaultMethod().weights, burden: 30 },
      runs: 1000
    };
    const v = { level: 'district' as const, region: '440000', year: 2024, type: 'urban' as const, method: m, unit: '440305' };
    const q = viewToSearch(v, years);
    expect(q).toContain('w=burden%3A30');
    expect(parseView(new URLSearchParams(q), years)).toEqual(v);
    expect(isDefault(m)).toBe(false);
    expect(viewToSearch({ ...v, method: defaultMethod(), region: '000000', year: 2025, type: 'all', unit: null }, years)).toBe(
      ''
    );
  });
  it('ignores malformed URL parameters', () => {
    const v = parseView(new URLSearchParams('s=nope&n=evil&a=x,y&w=burden:-1,zz:3&mc=7&r=abc'), years);
    expect(v.method).toEqual(defaultMethod());
    expect(v.region).toBe('000000');
  });
  it('applies overrides to the spec and keeps per-indicator settings otherwise', () => {
    const s0 = buildSpec(defaultMethod());
    const s1 = buildSpec({ ...defaultMethod(), norm: 'prank', aggInd: 'geometric' });
    expect(s1.indicators.every((i) => i.normalise.method === 'prank')).toBe(true);
    expect(s0.indicators.some((i) => i.normalise.method !== 'prank')).toBe(true);
    expect(s1.aggregate.floor).toBeGreaterThan(0);
  });
  it('method JSON round-trip and errors naming the field', () => {
    const m = {
      ...defaultMethod('equal'),
      aggInd: 'harmonic' as const,
      weights: { ...defaultMethod('equal').weights, satisfaction: 4 }
    };
    expect(methodFromJson(JSON.stringify({ method: m, spec: buildSpec(m) }))).toEqual(m);
    expect(() => methodFromJson('{')).toThrow(/JSON/);
    expect(() => methodFromJson(JSON.stringify({ method: { scheme: 'x' } }))).toThrow(/scheme/);
    expect(() => methodFromJson(JSON.stringify({ method: { scheme: 'default', weights: { nope: 1 } } }))).toThrow(
      /weights\.nope/
    );
    expect(() => methodFromJson(JSON.stringify({ method: { scheme: 'default', aggInd: 'max' } }))).toThrow(/aggInd/);
  });
  it('every scheme and every normalisation × aggregation runs on realistic rows', () => {
    const rows = Array.from({ length: 40 }, (_, k) => {
      const r: Record<string, number | string | null> = { code: String(110101 + k) };
      for (const i of buildSpec(defaultMethod()).indicators) r[i.column] = 10 + ((k * 37 + i.id.length * 11) % 80);
      return r;
    });
    for (const s of schemes)
      for (const norm of ['spec', 'minmax', 'zscore', 'prank'] as const)
        for (const agg of ['arithmetic', 'geometric', 'harmonic'] as const) {
          const spec = buildSpec({ ...defaultMethod(s.id), norm, aggInd: agg, aggGroup: agg });
          if (norm === 'zscore' && agg !== 'arithmetic') continue; // z-scores are negative: geometric/harmonic refuse them
          const cols = new Set(spec.indicators.map((i) => i.column));
          const filled = rows.map((r) =>
            Object.fromEntries(Object.entries(r).concat([...cols].filter((c) => !(c in r)).map((c) => [c, 50])))
          );
          const res = assess(filled, spec);
          expect(res.units.filter((u) => u.rank !== null).length, `${s.id} ${norm} ${agg}`).toBe(40);
        }
  });
});
