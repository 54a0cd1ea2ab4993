/* eslint-disable @typescript-eslint/no-explicit-any -- tests build and mutate loosely typed JSON */
/** Spec validation: defaults, and every error names the offending field path. */
import { describe, expect, it } from 'vitest';
import { assess, parseSpec } from '../../../src/lib/assess';

const ok = () => ({
  unit: 'code',
  indicators: [
    { id: 'le', column: 'le', direction: 1, weight: 1, normalise: { method: 'goalposts', low: 20, high: 85 } },
    { id: 'b', normalise: { method: 'minmax' } },
    { id: 'c', direction: -1 }
  ],
  groups: [
    { id: 'health', members: ['le'], weight: 1 },
    { id: 'other', members: ['b', 'c'] }
  ],
  aggregate: { indicators: 'arithmetic', groups: 'geometric' },
  uncertainty: { runs: 0, seed: 1 }
});

function errorOf(mutate: (s: any) => void): string {
  const s: any = ok();
  mutate(s);
  try {
    parseSpec(s);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

describe('parseSpec', () => {
  it('accepts the DESIGN.md example and fills defaults', () => {
    const s = parseSpec(ok());
    expect(s.indicators[1]).toMatchObject({
      id: 'b',
      column: 'b',
      direction: 1,
      weight: 1,
      normalise: { method: 'minmax', l: 0, u: 100 }
    });
    expect(s.indicators[2].normalise).toEqual({ method: 'minmax', l: 0, u: 100 });
    expect(s.screening.threshold).toBe(0.65);
    expect(s.impute).toEqual({ method: 'none', by: null });
    expect(s.outliers.treat).toBe(false);
    expect(s.uncertainty).toMatchObject({ runs: 0, seed: 1, weight_noise: 0.25, normalisations: ['spec'], aggregations: [] });
    expect(s.aggregate).toEqual({ indicators: 'arithmetic', groups: 'geometric', floor: null });
  });

  it('groups may be omitted (one level); a string aggregate applies to both levels', () => {
    const s = parseSpec({ unit: 'code', indicators: [{ id: 'a' }], aggregate: 'harmonic' });
    expect(s.groups).toEqual([]);
    expect(s.aggregate).toMatchObject({ indicators: 'harmonic', groups: 'harmonic' });
  });

  it('keeps documentary fields (name_zh, description_en, sources) and refuses unknown ones', () => {
    const s = parseSpec({ ...ok(), name_zh: '方案', description_en: 'x', sources: ['seed 004'] });
    expect(s.meta).toEqual({ name_zh: '方案', description_en: 'x', sources: ['seed 004'] });
    expect(
      errorOf((x) => {
        x.wieghts = 1;
      })
    ).toMatch(/^wieghts: unknown field/);
  });

  const cases: [string, (s: any) => void, RegExp][] = [
    [
      'unit missing',
      (s) => {
        delete s.unit;
      },
      /^unit: must be a non-empty string/
    ],
    [
      'no indicators',
      (s) => {
        s.indicators = [];
      },
      /^indicators: must be a non-empty array/
    ],
    [
      'indicator id',
      (s) => {
        s.indicators[1].id = 3;
      },
      /^indicators\[1\]\.id: must be a non-empty string/
    ],
    [
      'duplicate id',
      (s) => {
        s.indicators[2].id = 'b';
      },
      /^indicators\[2\]\.id: duplicate indicator id "b"/
    ],
    [
      'direction',
      (s) => {
        s.indicators[0].direction = 0;
      },
      /^indicators\[0\]\.direction: must be 1 .* or -1/
    ],
    [
      'negative weight',
      (s) => {
        s.indicators[1].weight = -2;
      },
      /^indicators\[1\]\.weight: must be a number ≥ 0/
    ],
    [
      'weight as string',
      (s) => {
        s.indicators[1].weight = '2';
      },
      /^indicators\[1\]\.weight: must be a number/
    ],
    [
      'method',
      (s) => {
        s.indicators[1].normalise.method = 'rank';
      },
      /^indicators\[1\]\.normalise\.method: must be one of minmax \| zscore \| goalposts \| target \| prank/
    ],
    [
      'goalposts high ≤ low',
      (s) => {
        s.indicators[0].normalise.high = 10;
      },
      /^indicators\[0\]\.normalise\.high: must be a number greater than low/
    ],
    [
      'goalposts low missing',
      (s) => {
        delete s.indicators[0].normalise.low;
      },
      /^indicators\[0\]\.normalise\.low: must be a number/
    ],
    [
      'minmax u ≤ l',
      (s) => {
        s.indicators[1].normalise = { method: 'minmax', l: 5, u: 5 };
      },
      /^indicators\[1\]\.normalise\.u: must be a number greater than l/
    ],
    [
      'zscore s',
      (s) => {
        s.indicators[1].normalise = { method: 'zscore', s: 0 };
      },
      /^indicators\[1\]\.normalise\.s: must be a number greater than 0/
    ],
    [
      'target direction 1',
      (s) => {
        s.indicators[1].normalise = { method: 'target', lower: 50, target: 10 };
      },
      /^indicators\[1\]\.normalise\.target: must be greater than lower/
    ],
    [
      'target direction −1',
      (s) => {
        s.indicators[2].normalise = { method: 'target', lower: 10, target: 50 };
      },
      /^indicators\[2\]\.normalise\.target: must be less than lower .* direction is -1/
    ],
    [
      'log with low ≤ 0',
      (s) => {
        s.indicators[0].normalise = { method: 'goalposts', low: 0, high: 5, log: true };
      },
      /^indicators\[0\]\.normalise\.low: must be greater than 0 when log is true/
    ],
    [
      'unknown member',
      (s) => {
        s.groups[1].members.push('zz');
      },
      /^groups\[1\]\.members\[2\]: "zz" is not an indicator or group id/
    ],
    [
      'member twice',
      (s) => {
        s.groups[1].members.push('le');
      },
      /^groups\[1\]\.members\[2\]: "le" is already a member of groups\[0\]/
    ],
    [
      'indicator in no group',
      (s) => {
        s.groups[1].members = ['b'];
      },
      /^indicators\[2\]\.id: "c" is not a member of any group/
    ],
    [
      'mixed members',
      (s) => {
        s.groups.push({ id: 'top', members: ['health', 'other'] });
        s.groups[1].members = ['b'];
        s.groups.push({ id: 'm', members: ['c', 'top'] });
      },
      /^groups\[3\]\.members: must be all indicators or all groups/
    ],
    [
      'group id clash',
      (s) => {
        s.groups[0].id = 'b';
      },
      /^groups\[0\]\.id: "b" is also an indicator id/
    ],
    [
      'group weights 0',
      (s) => {
        s.indicators[1].weight = 0;
        s.indicators[2].weight = 0;
      },
      /^groups\[1\]\.members: member weights sum to 0/
    ],
    [
      'aggregate',
      (s) => {
        s.aggregate.groups = 'median';
      },
      /^aggregate\.groups: must be one of arithmetic \| geometric \| harmonic/
    ],
    [
      'floor',
      (s) => {
        s.aggregate.floor = 0;
      },
      /^aggregate\.floor: must be a number greater than 0/
    ],
    [
      'threshold',
      (s) => {
        s.screening = { threshold: 65 };
      },
      /^screening\.threshold: must be a number between 0 and 1/
    ],
    [
      'impute',
      (s) => {
        s.impute = { method: 'knn' };
      },
      /^impute\.method: must be one of none \| mean \| median/
    ],
    [
      'runs',
      (s) => {
        s.uncertainty.runs = 1.5;
      },
      /^uncertainty\.runs: must be an integer/
    ],
    [
      'seed',
      (s) => {
        s.uncertainty.seed = 'x';
      },
      /^uncertainty\.seed: must be a number/
    ],
    [
      'noise',
      (s) => {
        s.uncertainty.weight_noise = 1;
      },
      /^uncertainty\.weight_noise: must be a number ≥ 0 and < 1/
    ],
    [
      'alternatives',
      (s) => {
        s.uncertainty.normalisations = ['goalposts'];
      },
      /^uncertainty\.normalisations\[0\]: must be one of spec \| minmax \| zscore \| prank/
    ],
    [
      'not an object',
      (s) => {
        s.indicators[0] = 'le';
      },
      /^indicators\[0\]: must be an object/
    ]
  ];
  for (const [name, mutate, re] of cases) it(`names the field: ${name}`, () => expect(errorOf(mutate)).toMatch(re));

  it('a cycle between groups is refused', () => {
    expect(() =>
      parseSpec({
        unit: 'u',
        indicators: [{ id: 'a' }],
        groups: [
          { id: 'g', members: ['a'] },
          { id: 'p', members: ['q'] },
          { id: 'q', members: ['p'] }
        ]
      })
    ).toThrow(/cycle through group|already a member|top-level/);
  });

  it('data errors name the column: missing column, text in a numeric column, duplicate unit', () => {
    expect(() => assess([{ code: 'a', x: 1 }], { unit: 'code', indicators: [{ id: 'le' }] })).toThrow(
      'indicators[0].column: column "le" not found in data'
    );
    expect(() => assess([{ id: 'a', x: 1 }], { unit: 'code', indicators: [{ id: 'x' }] })).toThrow(
      'unit: column "code" not found in data'
    );
    expect(() => assess([{ code: 'a', x: 'abc' }], { unit: 'code', indicators: [{ id: 'x' }] })).toThrow(
      /^indicators\[0\]\.column: column "x", row 1 \(unit "a"\): "abc" is not a number/
    );
    expect(() =>
      assess(
        [
          { code: 'a', x: 1 },
          { code: 'a', x: 2 }
        ],
        { unit: 'code', indicators: [{ id: 'x' }] }
      )
    ).toThrow('unit: duplicate unit "a" (rows 1 and 2)');
    expect(() => assess([], { unit: 'code', indicators: [{ id: 'x' }] })).toThrow('data: no rows');
  });

  it('numeric strings and the usual "no data" marks are read', () => {
    const res = assess(
      [
        { code: 'a', x: ' 12.5 ', y: 'NA' },
        { code: 'b', x: '1e1', y: '..' },
        { code: 'c', x: 3, y: 4 }
      ],
      {
        unit: 'code',
        indicators: [{ id: 'x', normalise: { method: 'goalposts', low: 0, high: 100 } }, { id: 'y' }],
        screening: { threshold: 0.5 }
      }
    );
    expect(res.values[0]).toBe(12.5);
    expect(res.values[2]).toBe(10);
    expect(Number.isNaN(res.values[1])).toBe(true);
  });
});

describe('parseSpec is idempotent', () => {
  it('a parsed spec (also after structuredClone, as posted to a worker) parses to itself', () => {
    const once = parseSpec({
      ...ok(),
      name_zh: '方案',
      groups: [
        { id: 'health', members: ['le'], aggregate: 'arithmetic' },
        { id: 'other', members: ['b', 'c'] }
      ]
    });
    expect(parseSpec(once)).toEqual(once);
    expect(parseSpec(structuredClone(once))).toEqual(once);
  });
});
