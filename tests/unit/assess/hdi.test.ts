/**
 * Known answers: the UNDP Human Development Index, HDR 2021/22 (data year 2021).
 * health (LE − 20)/65; education (min(EYS,18)/18 + MYS/15)/2; income
 * (ln GNI − ln 100)/(ln 75000 − ln 100); HDI = geometric mean of the three.
 * Represented with spec options, not pre-transformed columns: goalposts clamp caps EYS at
 * 18 (and GNI at 75,000), `normalise.log: true` takes the logs. The engine scores 0–100,
 * so HDI = score / 100. Published inputs (rounded as in HDR Table 1) reproduce the
 * published HDI within 0.001 (Iceland is the tightest: 0.95996 vs 0.959).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { assess } from '../../../src/lib/assess';
import type { Row } from '../../../src/lib/assess';

const fixture = (f: string) => new URL(`../../fixtures/${f}`, import.meta.url);
const rows = Papa.parse<Row>(readFileSync(fixture('hdi.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
const spec = JSON.parse(readFileSync(fixture('hdi-spec.json'), 'utf8'));

describe('HDI known answers (HDR 2021/22)', () => {
  const res = assess(rows, spec);
  for (const r of rows) {
    it(`${r.country}: published HDI ${r.hdi_published}`, () => {
      const u = res.units.find((x) => x.unit === r.iso3)!;
      expect(Math.abs(u.score! / 100 - Number(r.hdi_published))).toBeLessThanOrEqual(0.001);
    });
  }

  it('Norway 0.961 exactly to three decimals, and the ranking follows the published order', () => {
    const nor = res.units.find((x) => x.unit === 'NOR')!;
    expect((nor.score! / 100).toFixed(3)).toBe('0.961');
    const byPublished = rows
      .slice()
      .sort((a, b) => Number(b.hdi_published) - Number(a.hdi_published))
      .map((r) => r.iso3);
    const byScore = res.units
      .slice()
      .sort((a, b) => a.rank! - b.rank!)
      .map((u) => u.unit);
    expect(byScore).toEqual(byPublished);
  });

  it('matches the formula computed by hand for every country', () => {
    for (const r of rows) {
      const le = Number(r.le),
        eys = Number(r.eys),
        mys = Number(r.mys),
        gni = Number(r.gni);
      const h = (le - 20) / 65,
        e = (Math.min(eys, 18) / 18 + mys / 15) / 2;
      const inc = (Math.log(Math.min(gni, 75000)) - Math.log(100)) / (Math.log(75000) - Math.log(100));
      const u = res.units.find((x) => x.unit === r.iso3)!;
      expect(u.score! / 100).toBeCloseTo(Math.cbrt(h * e * inc), 12);
      expect(u.groups.health! / 100).toBeCloseTo(h, 12);
    }
  });

  it('pre-transformed columns (ln GNI, goalposts ln 100..ln 75000) give the same scores', () => {
    const rows2 = rows.map((r) => ({ ...r, ln_gni: Math.log(Number(r.gni)) }));
    const spec2 = structuredClone(spec);
    spec2.indicators[3] = {
      id: 'gni',
      column: 'ln_gni',
      normalise: { method: 'goalposts', low: Math.log(100), high: Math.log(75000) }
    };
    const res2 = assess(rows2, spec2);
    res.units.forEach((u, i) => expect(res2.units[i].score).toBeCloseTo(u.score!, 10));
  });

  it('goalposts are fixed: no rank reversal flag for the HDI', () => {
    expect(res.rankReversalPossible).toBe(false);
  });
});
