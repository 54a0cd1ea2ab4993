/**
 * The assessment schemes in data/schemes/ parse, use only catalogue indicator ids with
 * the catalogue's direction, give resident satisfaction a heavy weight and count burden
 * as deductions, and run on a synthetic mixed urban/rural data set.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assess, effectiveWeights, parseSpec } from '../../../src/lib/assess';
import type { Row } from '../../../src/lib/assess';
import { mulberry32 } from './helpers';

// indicator ids of the product catalogue with their direction (0 = neither)
const CATALOGUE: Record<string, 1 | -1 | 0> = {
  facility_coverage_urban: 1,
  facility_coverage_rural: 1,
  facility_area_per_100hh: 1,
  activity_space_share: 1,
  elderly_daycare_coverage: 1,
  self_service_coverage: 1,
  workers_per_10k: 1,
  fulltime_per_community: 1,
  households_per_worker: -1,
  college_share: 1,
  under35_share: 1,
  turnover_rate: -1,
  certified_share: 1,
  certified_per_community: 1,
  satisfaction_score: 1,
  sat_service: 1,
  sat_environment: 1,
  sat_safety: 1,
  sat_staff: 1,
  sat_participation: 1,
  complaint_response_rate: 1,
  complaint_resolution_rate: 1,
  complaint_satisfaction_rate: 1,
  admin_items: -1,
  signboards: -1,
  inspections_per_year: -1,
  reports_per_year: -1,
  meetings_per_year: -1,
  ledgers: -1,
  systems_maintained: -1,
  admin_time_share: -1,
  households_per_grid: 0,
  grid_party_branch_share: 1,
  social_orgs_per_community: 1,
  volunteers_per_100: 1,
  funding_per_community: 1,
  funding_per_household: 1,
  networked_share: 1
};
const URBAN_ONLY = ['facility_coverage_urban', 'self_service_coverage', 'workers_per_10k'];
const RURAL_ONLY = ['facility_coverage_rural'];

const dir = new URL('../../../data/schemes/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const load = (f: string) => JSON.parse(readFileSync(new URL(f, dir), 'utf8'));

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
});
