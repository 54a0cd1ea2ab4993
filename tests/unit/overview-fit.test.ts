// Issue 8 · overview: the view opens on an indicator that applies, says why a view is blank, and keeps
// small numbers out of best/worst lists and largest gaps.
import { describe, it, expect } from 'vitest';
import { indicator } from '../../src/lib/indicators/catalogue';
import { fewHouseholds, fewUnits, SMALL_SAMPLE, targetFor, targetParts } from '../../src/lib/indicators/status';
import { applies, DEFAULT_INDICATOR, fittingIndicator, viewCounts, viewIndicator, viewNotice } from '../../src/lib/overview/fit';
import { bestAndWorst, kpiFor, rankRegions, targetGaps, unitRows } from '../../src/lib/overview/model';
import { parseState, stateToSearch } from '../../src/lib/overview/state';

const years = [2024, 2025];
const urbanOnly = { urban: 108, rural: 0 };
const ruralOnly = { urban: 0, rural: 20 };
const mixed = { urban: 253, rural: 356 };

describe('the indicator a view opens on', () => {
  it('keeps the default where villages exist, switches to the urban one where none do', () => {
    expect(viewIndicator(null, mixed).id).toBe(DEFAULT_INDICATOR);
    expect(viewIndicator(null, null).id).toBe(DEFAULT_INDICATOR); // counts unknown (loading)
    expect(viewIndicator(null, urbanOnly).id).toBe('facility_coverage_urban');
    expect(viewIndicator(null, ruralOnly).id).toBe(DEFAULT_INDICATOR);
  });
  it('an indicator the URL names is kept even where it does not apply', () => {
    expect(viewIndicator('facility_coverage_rural', urbanOnly).id).toBe('facility_coverage_rural');
  });
  it('fits urban-only headlines to villages too', () => {
    expect(applies(indicator('workers_per_10k'), ruralOnly)).toBe(false);
    const fit = fittingIndicator(indicator('workers_per_10k'), ruralOnly);
    expect(fit.dimension).toBe('staffing');
    expect(fit.scope).toBe('all');
    expect(fittingIndicator(indicator('facility_coverage_urban'), ruralOnly).id).toBe('facility_coverage_rural');
  });
  it('the default is never written into the URL, a named indicator is', () => {
    const s = parseState(new URLSearchParams('r=440305'), years);
    expect(s.indicator).toBeNull();
    expect(stateToSearch(s, years)).toBe('?r=440305');
    expect(stateToSearch({ ...s, indicator: DEFAULT_INDICATOR }, years)).toBe('?i=facility_coverage_rural&r=440305');
  });
  it('a loaded view without a row has no units; an unloaded one is unknown', () => {
    expect(viewCounts(undefined, true)).toEqual({ urban: 0, rural: 0 });
    expect(viewCounts(undefined, false)).toBeNull();
    expect(viewCounts({ units: 609, urban_units: 253 }, true)).toEqual(mixed);
  });
});

describe('why a view is blank', () => {
  const rural = indicator('facility_coverage_rural');
  it('no units of the chosen type: offer all types', () => {
    expect(viewNotice(rural, 'rural', { urban: 0, rural: 0 })).toEqual({ kind: 'noUnits', type: 'rural', switchType: 'all' });
  });
  it('a village-only indicator in an all-urban district: offer the urban one', () => {
    expect(viewNotice(rural, 'all', urbanOnly)).toEqual({
      kind: 'notApplicable',
      scope: 'rural',
      switchIndicator: 'facility_coverage_urban',
      switchType: null
    });
    expect(viewNotice(rural, 'urban', urbanOnly)).toMatchObject({ kind: 'notApplicable', switchType: 'all' });
  });
  it('nothing to say where the indicator applies, or while counts are unknown', () => {
    expect(viewNotice(rural, 'all', mixed)).toBeNull();
    expect(viewNotice(indicator('certified_share'), 'all', urbanOnly)).toBeNull();
    expect(viewNotice(rural, 'all', null)).toBeNull();
  });
});

describe('targets composed from urban and rural targets', () => {
  const orgs = indicator('social_orgs_per_community'); // ≥ 10 urban, ≥ 5 rural
  it('a mix shows its parts; one type alone is that type’s target', () => {
    const p = targetParts(orgs, mixed)!;
    expect(p.value).toBeCloseTo((253 * 10 + 356 * 5) / 609, 9); // Dongguan: 7.077
    expect(p.composedOf).toEqual({ urban: 10, rural: 5 });
    expect(targetParts(orgs, urbanOnly)).toEqual({ value: 10, composedOf: null });
    expect(targetParts(orgs, ruralOnly)).toEqual({ value: 5, composedOf: null });
    expect(targetFor(orgs, mixed)).toBe(p.value);
  });
  it('a single target has no parts; no target is null', () => {
    expect(targetParts(indicator('certified_share'), mixed)).toEqual({ value: 50, composedOf: null });
    expect(targetParts(indicator('satisfaction_score'), mixed)).toBeNull();
  });
});

describe('small numbers', () => {
  it('thresholds: 5 units, 30 households', () => {
    expect(SMALL_SAMPLE).toEqual({ units: 5, households: 30 });
    expect([0, 1, 4, 5, null].map(fewUnits)).toEqual([false, true, true, false, false]);
    expect([29, 30, null].map(fewHouseholds)).toEqual([true, false, false]);
  });
  const rural = indicator('facility_coverage_rural');
  // Beijing-like: 西城区 has 2 villages, one with a facility.
  const districts = [
    { code: '110102', units: 263, urban_units: 261, facility_coverage_rural: 50, facility_coverage_rural__has: 2 },
    { code: '110105', units: 400, urban_units: 300, facility_coverage_rural: 60, facility_coverage_rural__has: 100 },
    { code: '110106', units: 300, urban_units: 100, facility_coverage_rural: 70, facility_coverage_rural__has: 200 },
    { code: '110111', units: 500, urban_units: 100, facility_coverage_rural: 90, facility_coverage_rural__has: 400 }
  ];
  it('a rate from fewer than 5 units is ranked and marked, never named best or worst', () => {
    const ranked = rankRegions(rural, districts);
    expect(ranked.find((r) => r.code === '110102')).toMatchObject({ rank: 4, small: true });
    const { best, worst, uncertain } = bestAndWorst(ranked, 2);
    expect(best.map((r) => r.code)).toEqual(['110111', '110106']);
    expect(worst.map((r) => r.code)).toEqual(['110105']);
    expect(uncertain.map((r) => r.code)).toEqual(['110102']);
  });
  it('a region level with the best is never named worst', () => {
    const at = (code: string, value: number, rank: number) => ({ code, value, rank, light: 'green' as const, small: false });
    const tied = [at('1', 100, 1), at('2', 100, 1), at('3', 100, 1), at('4', 99, 4)];
    expect(bestAndWorst(tied, 2).worst.map((r) => r.code)).toEqual(['4']);
    expect(bestAndWorst(tied.slice(0, 3), 1).worst).toEqual([]);
  });
  it('a KPI from 2 units is marked', () => {
    const k = kpiFor(rural, [{ year: 2025, ...districts[0] }], 2025);
    expect(k.small).toBe(true);
    expect(kpiFor(rural, [{ year: 2025, ...districts[1] }], 2025).small).toBe(false);
  });
  it('a survey score from 12 households is marked', () => {
    const sat = indicator('satisfaction_score');
    const [few, many] = unitRows(sat, [
      { code: 'a', urban: 1, value: 80, survey_n: 12, sat_overall_sd: 10 },
      { code: 'b', urban: 1, value: 80, survey_n: 55, sat_overall_sd: 10 }
    ]);
    expect([few.small, many.small]).toEqual([true, false]);
  });
  it('a village indicator does not count a community: it does not apply, rather than having no data', () => {
    const rows = unitRows(indicator('facility_coverage_rural'), [
      { code: 'c', urban: 1, value: null },
      { code: 'v', urban: 0, value: null }
    ]);
    expect(rows.map((r) => [r.applies, r.light])).toEqual([
      [false, 'none'],
      [true, 'grey']
    ]);
  });
  it('largest gaps: only regions below their own target, small ones apart, own target given', () => {
    const orgs = indicator('social_orgs_per_community');
    const region = {
      units: 26842,
      urban_units: 6254,
      social_orgs_per_community__has: 26842,
      social_orgs_per_community__met: 17409
    };
    const cities = [
      // Dongguan-like: 7.04 exceeds Guangdong's 6.2 but misses its own 7.08
      { code: '441900', units: 609, urban_units: 253, social_orgs_per_community: 7.04, social_orgs_per_community__has: 609 },
      // all-rural city at 5.5: exceeds its own 5, though below the province's 6.2
      { code: '445300', units: 900, urban_units: 0, social_orgs_per_community: 5.5, social_orgs_per_community__has: 900 },
      { code: '440500', units: 1000, urban_units: 200, social_orgs_per_community: 4.96, social_orgs_per_community__has: 1000 },
      { code: '440600', units: 3, urban_units: 0, social_orgs_per_community: 1, social_orgs_per_community__has: 3 }
    ];
    const [g] = targetGaps([orgs], region, cities);
    expect(g.target).toBeCloseTo((6254 * 10 + 20588 * 5) / 26842, 9);
    expect(g.composedOf).toEqual({ urban: 10, rural: 5 });
    expect(g.regions.map((r) => r.code)).toEqual(['440500', '441900']);
    expect(g.regions[1].target).toBeCloseTo(7.077, 3);
    expect(g.uncertain.map((r) => r.code)).toEqual(['440600']);
  });
});
