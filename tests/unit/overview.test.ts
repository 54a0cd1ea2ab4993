import { describe, it, expect } from 'vitest';
import { indicator } from '../../src/lib/indicators/catalogue';
import { kpiFor, rankRegions, targetGaps, surveyMargin, unitRows } from '../../src/lib/overview/model';
import { parseState, stateToSearch } from '../../src/lib/overview/state';
import { childLevel, levelOf, RegionTree } from '../../src/lib/data/regions';

const years = [2019, 2020, 2021, 2022, 2023, 2024, 2025];

describe('view state in the URL', () => {
  it('round-trips and drops defaults', () => {
    const s = {
      year: 2023,
      type: 'rural' as const,
      indicator: 'certified_share',
      region: '440305',
      view: 'grid' as const,
      unit: '440305001001'
    };
    const q = stateToSearch(s, years);
    expect(parseState(new URLSearchParams(q), years)).toEqual(s);
    expect(stateToSearch(parseState(new URLSearchParams(''), years), years)).toBe('');
  });
  it('falls back on malformed parameters', () => {
    const s = parseState(new URLSearchParams("y=1900&t=x&i=<script>&r=12ab&v=zz&u=1'or"), years);
    expect(s).toEqual({
      year: 2025,
      type: 'all',
      indicator: null, // named by no (valid) parameter: the view opens on one that fits (fit.ts)
      region: '000000',
      view: 'map',
      unit: null
    });
  });
  it('keeps the language', () => {
    expect(stateToSearch(parseState(new URLSearchParams('r=110000'), years), years, 'en')).toBe('?r=110000&lang=en');
  });
});

describe('region codes', () => {
  it('levels and drill-down', () => {
    expect(levelOf('000000')).toBe('nation');
    expect(levelOf('440000')).toBe('province');
    expect(levelOf('440300')).toBe('city');
    expect(levelOf('440305')).toBe('district');
    expect(childLevel('440000')).toBe('city');
    expect(childLevel('110000')).toBe('district'); // municipality
    expect(childLevel('440305')).toBeNull();
  });
  it('tree paths and names', () => {
    const t = new RegionTree([
      ['110000', '北京市', 'p', null],
      ['110100', '市辖区', 'c', '110000'],
      ['110101', '东城区', 'd', '110100']
    ]);
    expect(t.path('110101').map((r) => r.code)).toEqual(['000000', '110000', '110100', '110101']);
    expect(t.name('110100')).toBe('北京市市辖区');
  });
});

describe('KPI, ranking and gaps view model', () => {
  const rural = indicator('facility_coverage_rural');
  const series = [
    { year: 2024, units: 10, urban_units: 0, facility_coverage_rural: 70 },
    {
      year: 2025,
      units: 10,
      urban_units: 0,
      facility_coverage_rural: 76,
      facility_coverage_rural__met: 6,
      facility_coverage_rural__has: 10
    }
  ];
  it('builds a card', () => {
    const k = kpiFor(rural, series, 2025);
    expect(k.value).toBe(76);
    expect(k.change).toBe(6);
    expect(k.target).toBe(80);
    expect(k.light).toBe('yellow');
    expect(k.arrow).toBe('↗'); // target year: needed 10 from 70, made 6
    expect(k.series).toEqual([
      [2024, 70],
      [2025, 76]
    ]);
  });
  it('ranks best first with direction and shared ranks', () => {
    const rows = [
      { code: 'a', signboards: 5 },
      { code: 'b', signboards: 3 },
      { code: 'c', signboards: 5 },
      { code: 'd', signboards: null }
    ];
    const r = rankRegions(indicator('signboards'), rows);
    expect(r.map((x) => [x.code, x.rank])).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 2]
    ]);
  });
  it('lists regions missing a target, largest gap first', () => {
    const g = targetGaps([rural], series[1], [
      { code: 'x', units: 5, urban_units: 0, facility_coverage_rural: 60 },
      { code: 'y', units: 5, urban_units: 0, facility_coverage_rural: 85 },
      { code: 'z', units: 5, urban_units: 0, facility_coverage_rural: 79 }
    ]);
    expect(g[0].missingUnits).toBe(4);
    expect(g[0].regions.map((r) => r.code)).toEqual(['x', 'z']);
    expect(g[0].regions[0].gap).toBeCloseTo(20);
  });
});

describe('unit rows and survey margins', () => {
  it('95% margin of a survey mean', () => {
    expect(surveyMargin(15, 50)).toBeCloseTo((1.96 * 15) / Math.sqrt(50), 12); // ≈ 4.16 points
    expect(surveyMargin(15, 1)).toBeNull();
    expect(surveyMargin(null, 50)).toBeNull();
  });
  it('each unit is judged against its own type target', () => {
    const orgs = indicator('social_orgs_per_community'); // ≥10 urban, ≥5 rural
    const r = unitRows(orgs, [
      { code: 'a', name: 'A社区', urban: 1, value: 7 }, // red at 2: (7−2)/(10−2) = 0.63 → yellow
      { code: 'b', name: 'B村', urban: 0, value: 7 }, // meets the rural 5
      { code: 'c', name: 'C社区', urban: 1, value: 5 } // (5−2)/8 = 0.38 → orange
    ]);
    expect(r.map((x) => x.light)).toEqual(['yellow', 'green', 'orange']);
    const sat = unitRows(indicator('satisfaction_score'), [
      { code: 'c', name: 'C', urban: 1, value: 88, survey_n: 55, sat_overall_sd: 14 }
    ]);
    expect(sat[0].n).toBe(55);
    expect(sat[0].margin).toBeCloseTo(3.7, 1);
  });
});
