// Every indicator formula checked on hand-made rows through native DuckDB, the same SQL the site runs.
import { describe, it, expect, beforeAll } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import {
  indicators,
  indicator,
  baseColumns,
  identityColumns,
  dimensions,
  headlineOf,
  validateFormula
} from '../../src/lib/indicators/catalogue';
import { aggExpr, unitExpr, partialExprs, fromPartialsExpr } from '../../src/lib/indicators/sql';

// Two hand-made units: an urban community (A) and a village (B).
const A = {
  code: '110101001001',
  year: 2025,
  name: 'A社区',
  urban: 1,
  households: 2000,
  residents: 5000,
  has_facility: 1,
  facility_area: 700,
  activity_area: 490,
  has_daycare: 1,
  has_self_service: 1,
  networked: 1,
  workers: 10,
  workers_fulltime: 8,
  workers_certified: 4,
  workers_college: 7,
  workers_under35: 3,
  workers_start: 10,
  workers_left: 2,
  grids: 8,
  grids_party: 6,
  volunteers: 600,
  social_orgs: 12,
  admin_items: 90,
  signboards: 3,
  inspections: 12,
  reports: 20,
  meetings: 70,
  ledgers: 50,
  systems: 5,
  admin_time_share: 40,
  funding: 12.5,
  survey_n: 50,
  sat_overall: 90,
  sat_overall_sd: 10,
  sat_service: 88,
  sat_environment: 80,
  sat_safety: 92,
  sat_staff: 86,
  sat_participation: 70,
  complaints_received: 100,
  complaints_timely: 95,
  complaints_resolved: 80,
  complaints_surveyed: 60,
  complaints_satisfied: 54
};
const B = {
  ...A,
  code: '110101001201',
  name: 'B村',
  urban: 0,
  households: 500,
  residents: 1500,
  has_facility: 0,
  facility_area: 0,
  activity_area: 0,
  has_daycare: 0,
  has_self_service: 0,
  networked: 0,
  workers: 5,
  workers_fulltime: 2,
  workers_certified: 1,
  workers_college: 1,
  workers_under35: 1,
  workers_start: 4,
  workers_left: 1,
  grids: 4,
  grids_party: 1,
  volunteers: 30,
  social_orgs: 3,
  admin_items: 150,
  signboards: 9,
  inspections: 30,
  reports: 60,
  meetings: 150,
  ledgers: 130,
  systems: 11,
  admin_time_share: 70,
  funding: 3.5,
  survey_n: 60,
  sat_overall: 60,
  sat_service: 62,
  sat_environment: 70,
  sat_safety: 80,
  sat_staff: 64,
  sat_participation: 50,
  complaints_received: 20,
  complaints_timely: 15,
  complaints_resolved: 10,
  complaints_surveyed: 10,
  complaints_satisfied: 5
};

// Expected values worked out by hand: [unit A, unit B, both together].
const expected: Record<string, [number | null, number | null, number | null]> = {
  facility_coverage_urban: [100, null, 100],
  facility_coverage_rural: [null, 0, 0],
  facility_area_per_100hh: [35, 0, 700 / 25],
  activity_space_share: [70, null, 70],
  elderly_daycare_coverage: [100, 0, 50],
  self_service_coverage: [100, null, 100],
  workers_per_10k: [20, null, 20],
  fulltime_per_community: [8, 2, 5],
  households_per_worker: [200, 100, 2500 / 15],
  college_share: [70, 20, (8 / 15) * 100],
  under35_share: [30, 20, (4 / 15) * 100],
  turnover_rate: [20, 25, (3 / 14) * 100],
  certified_share: [40, 20, (5 / 15) * 100],
  certified_per_community: [4, 1, 2.5],
  satisfaction_score: [90, 60, (90 * 50 + 60 * 60) / 110],
  sat_service: [88, 62, (88 * 50 + 62 * 60) / 110],
  sat_environment: [80, 70, (80 * 50 + 70 * 60) / 110],
  sat_safety: [92, 80, (92 * 50 + 80 * 60) / 110],
  sat_staff: [86, 64, (86 * 50 + 64 * 60) / 110],
  sat_participation: [70, 50, (70 * 50 + 50 * 60) / 110],
  complaint_response_rate: [95, 75, (110 / 120) * 100],
  complaint_resolution_rate: [80, 50, (90 / 120) * 100],
  complaint_satisfaction_rate: [90, 50, (59 / 70) * 100],
  admin_items: [90, 150, 120],
  signboards: [3, 9, 6],
  inspections_per_year: [12, 30, 21],
  reports_per_year: [20, 60, 40],
  meetings_per_year: [70, 150, 110],
  ledgers: [50, 130, 90],
  systems_maintained: [5, 11, 8],
  admin_time_share: [40, 70, 55],
  households_per_grid: [250, 125, 2500 / 12],
  grid_party_branch_share: [75, 25, (7 / 12) * 100],
  social_orgs_per_community: [12, 3, 7.5],
  volunteers_per_100: [12, 2, (630 / 6500) * 100],
  funding_per_community: [12.5, 3.5, 8],
  funding_per_household: [62.5, 70, 160000 / 2500],
  networked_share: [100, 0, 50]
};

let con: DuckDBConnection;
beforeAll(async () => {
  con = await (await DuckDBInstance.create(':memory:')).connect();
  const cols = [...identityColumns, ...baseColumns];
  await con.run(`CREATE TABLE t (${cols.map((c) => `${c.name} ${c.type === 'REAL' ? 'DOUBLE' : c.type}`).join(', ')})`);
  for (const r of [A, B]) {
    await con.run(
      `INSERT INTO t VALUES (${cols
        .map((c) => {
          const v = (r as Record<string, unknown>)[c.name];
          return typeof v === 'string' ? `'${v}'` : (v ?? 'NULL');
        })
        .join(', ')})`
    );
  }
});

async function scalar(sql: string): Promise<number | null> {
  const r = (await con.runAndReadAll(sql)).getRows()[0][0];
  return r === null ? null : Number(r);
}

describe('indicator catalogue', () => {
  it('covers every indicator of INDICATORS.md with complete metadata', () => {
    expect(Object.keys(expected).sort()).toEqual(indicators.map((i) => i.id).sort());
    for (const i of indicators) {
      expect(i.zh.length, i.id).toBeGreaterThan(1);
      expect(i.en.length, i.id).toBeGreaterThan(1);
      expect(i.definition_zh && i.definition_en && i.unit && i.source, i.id).toBeTruthy();
      expect([1, -1, 0]).toContain(i.direction);
      expect(dimensions.map((d) => d.id)).toContain(i.dimension);
      if (i.target) {
        expect(i.target.value ?? i.target.byType, i.id).toBeDefined();
        expect(i.target.year).toBeGreaterThan(2000);
        expect(i.target.document.length).toBeGreaterThan(5);
        expect(i.thresholds?.red, `${i.id} needs a red threshold`).toBeDefined();
        // the red threshold lies on the bad side of the target
        const t = i.target.value ?? Math.min(i.target.byType!.urban, i.target.byType!.rural);
        expect(i.direction * (t - i.thresholds!.red), i.id).toBeGreaterThan(0);
      }
    }
  });

  it('has the official targets quoted in INDICATORS.md', () => {
    expect(indicator('facility_coverage_urban').target?.value).toBe(100);
    expect(indicator('facility_coverage_rural').target?.value).toBe(80);
    expect(indicator('facility_area_per_100hh').target?.value).toBe(30);
    expect(indicator('workers_per_10k').target?.value).toBe(18);
    expect(indicator('certified_share').target?.value).toBe(50);
    expect(indicator('signboards').target?.value).toBe(3);
    expect(indicator('signboards').direction).toBe(-1);
    expect(indicator('social_orgs_per_community').target?.byType).toEqual({ urban: 10, rural: 5 });
  });

  it('every dimension has a headline indicator', () => {
    for (const d of dimensions) expect(headlineOf(d.id).dimension).toBe(d.id);
  });

  it('rejects formulas with unknown columns or other characters', () => {
    expect(() => validateFormula('households / nobody', 'x')).toThrow(/unknown column "nobody"/);
    expect(() => validateFormula('households; DROP TABLE t', 'x')).toThrow(/characters/);
  });
});

describe('indicator formulas on hand-made rows', () => {
  for (const ind of indicators) {
    it(ind.id, async () => {
      const [ea, eb, eab] = expected[ind.id];
      const va = await scalar(`SELECT ${unitExpr(ind)} FROM t WHERE code = '${A.code}'`);
      const vb = await scalar(`SELECT ${unitExpr(ind)} FROM t WHERE code = '${B.code}'`);
      const vab = await scalar(`SELECT ${aggExpr(ind)} FROM t`);
      const check = (got: number | null, want: number | null) =>
        want === null ? expect(got).toBeNull() : expect(got).toBeCloseTo(want, 9);
      check(va, ea);
      check(vb, eb);
      check(vab, eab);
      // From partial sums, re-aggregated: identical to the direct aggregate.
      const vp = await scalar(
        `SELECT ${fromPartialsExpr(ind)} FROM (SELECT ${partialExprs(ind).join(', ')} FROM t GROUP BY code)`
      );
      check(vp, eab);
    });
  }

  it('a missing numerator drops its denominator too', async () => {
    await con.run(`CREATE TABLE t2 AS SELECT * FROM t; UPDATE t2 SET sat_overall = NULL WHERE code = '${B.code}'`);
    expect(await scalar(`SELECT ${aggExpr(indicator('satisfaction_score'))} FROM t2`)).toBeCloseTo(90, 9);
  });
});

describe('calibration of the demonstration data', () => {
  it('sets each official figure beside the demonstration value of its year', async () => {
    const { calibrationRows, figures } = await import('../../src/lib/indicators/calibration');
    const totals = [{ year: 2020, units: 10, urban_units: 4, households: 480_000_000, residents: 1_380_000_000 }];
    const national = [
      { year: 2020, type: 'all', facility_coverage_rural: 70, facility_coverage_urban: 99 },
      { year: 2020, type: 'urban', facility_coverage_rural: null, facility_coverage_urban: 98 }
    ];
    const rows = calibrationRows(totals, national);
    expect(rows.map((r) => r.id)).toEqual(figures.map((f) => f.id));
    const by = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(by.households.value).toBe(480_000_000);
    expect(by.households.ratio).toBeCloseTo(480 / 494.16 - 1, 6);
    expect(by.facility_coverage_rural.value).toBe(70);
    expect(by.facility_coverage_urban.value).toBe(99); // the "all" row, not the urban one
    expect(calibrationRows([], []).every((r) => r.value === null && r.ratio === null)).toBe(true);
  });

  it('cites every source by what it is, never by the shorthand "seed 00N"', async () => {
    const { readFileSync } = await import('node:fs');
    for (const f of [
      'data/indicators/indicators.json',
      'data/schemes/default.json',
      'data/schemes/targets.json',
      'data/calibration.json'
    ])
      expect(readFileSync(f, 'utf8'), f).not.toMatch(/seeds? ?\d{3}/i);
  });
});
