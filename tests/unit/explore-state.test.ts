// The explorer's URL codec: every state round-trips through its URL, defaults are left out, and a
// malformed or unknown value falls back to the default (so any link opens a valid view).
import { describe, expect, it } from 'vitest';
import { defaultState, exploreSearch, parseExplore, type ExploreState } from '../../src/lib/explore/state';

const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
const d = defaultState(YEARS);
const roundTrip = (s: ExploreState, lang: 'zh' | 'en' = 'zh') =>
  parseExplore(new URLSearchParams(exploreSearch(s, YEARS, lang).slice(1)), YEARS);

describe('explorer state codec', () => {
  it('leaves the default out of the URL and decodes an empty URL to the default', () => {
    expect(exploreSearch(d, YEARS)).toBe('');
    expect(parseExplore(new URLSearchParams(''), YEARS)).toEqual(d);
    expect(d.from).toBe(2025);
    expect(exploreSearch(d, YEARS, 'en')).toBe('?lang=en');
  });

  it('round-trips a full state', () => {
    const s: ExploreState = {
      regions: ['440000', '110100', '320583'],
      from: 2021,
      to: 2025,
      type: 'urban',
      sizes: ['s', 'xl'],
      value: { ind: 'certified_share', lo: 10.5, hi: null },
      hist: 'admin_time_share',
      brush: [40, 62.5],
      scatterX: 'workers_per_10k',
      scatterY: 'turnover_rate',
      box: 'funding_per_household',
      level: 'district',
      groupInds: ['satisfaction_score', 'ledgers', 'networked_share'],
      pivot: 'type'
    };
    expect(roundTrip(s)).toEqual(s);
    expect(roundTrip(s, 'en')).toEqual(s);
    expect(exploreSearch(s, YEARS)).toContain('y=2021-2025');
    expect(exploreSearch(s, YEARS)).toContain('b=40%3A62.5');
  });

  it('round-trips each field changed on its own', () => {
    const changes: Partial<ExploreState>[] = [
      { regions: ['650000'] },
      { from: 2019, to: 2019 },
      { type: 'rural' },
      { sizes: ['xs'] },
      { value: { ind: 'ledgers', lo: null, hi: 30 } },
      { brush: [-1.5, 3] },
      { level: 'city' },
      { pivot: 'type' },
      { groupInds: ['signboards'] }
    ];
    for (const c of changes) expect(roundTrip({ ...d, ...c })).toEqual({ ...d, ...c });
  });

  it('falls back to the default for each bad value', () => {
    const bad = new URLSearchParams({
      r: '44,abc,000000',
      y: '2030',
      t: 'city',
      s: 'xs,huge',
      v: 'nope:1:2',
      h: 'DROP TABLE',
      b: '5:1',
      sx: "x'--",
      sy: '',
      bx: '1',
      g: 'street',
      gi: '',
      pv: 'month'
    });
    expect(parseExplore(bad, YEARS)).toEqual(d);
    expect(parseExplore(new URLSearchParams('y=2025-2021'), YEARS).from).toBe(2025);
    expect(parseExplore(new URLSearchParams('v=ledgers::'), YEARS).value).toBeNull();
    expect(parseExplore(new URLSearchParams('v=ledgers:9:1'), YEARS).value).toBeNull();
    expect(parseExplore(new URLSearchParams('b=1:NaN'), YEARS).brush).toBeNull();
    expect(
      parseExplore(
        new URLSearchParams(
          `r=${Array(31)
            .fill('440000')
            .map((c, i) => String(110000 + i * 100))
            .join(',')}`
        ),
        YEARS
      ).regions
    ).toEqual([]);
  });

  it('keeps sizes in their fixed order and drops duplicate regions', () => {
    const s = parseExplore(new URLSearchParams('s=xl,xs&r=440000,440000'), YEARS);
    expect(s.sizes).toEqual(['xs', 'xl']);
    expect(s.regions).toEqual(['440000']);
  });
});
