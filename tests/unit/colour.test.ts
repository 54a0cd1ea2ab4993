// Colour scales over the data's own range (issue 9, "any data shape renders"): a share's legend never
// passes 100 %, one value is not widened into a legend up to 101 %, a 100 % target is the deepest
// green, and a scale without a target spans exactly the values.
import { describe, it, expect } from 'vitest';
import { colourScale } from '../../src/lib/colour';
import { indicator } from '../../src/lib/indicators/catalogue';

const values = (s: ReturnType<typeof colourScale>) => s.stops.map((x) => x.value);

describe('colourScale', () => {
  const urban = indicator('facility_coverage_urban'); // %, target 100, red 90
  const rural = indicator('facility_coverage_rural'); // %, target 80

  it('a 100 % target: stops red, mid, target; nothing beyond 100 %; the target is the deepest green', () => {
    const s = colourScale(urban, [66.7, 100], 100);
    expect(values(s)).toEqual([90, 95, 100]);
    expect(s.stops.find((x) => x.label === 'target')!.colour).toBe(s.colour(100));
    expect(s.colour(100)).toBe('rgb(21, 128, 61)'); // #15803d
    expect(s.colour(50)).toBe('rgb(220, 38, 38)'); // below red: red
  });

  it('one value at 100 % is not widened past it', () => {
    expect(Math.max(...values(colourScale(urban, [100], 100)))).toBe(100);
    expect(Math.max(...values(colourScale(rural, [100], 80)))).toBe(100);
  });

  it('an 80 % target: a stop a little beyond it, capped at 100 %', () => {
    const s = colourScale(rural, [40, 70], 80);
    const v = values(s);
    expect(v[v.length - 1]).toBeGreaterThan(80);
    expect(v[v.length - 1]).toBeLessThanOrEqual(100);
    expect(s.stops.find((x) => x.label === 'target')!.value).toBe(80);
  });

  it('a lower-is-better count: the stop beyond the target is not below 0', () => {
    const signs = indicator('signboards'); // target ≤ 3
    const v = values(colourScale(signs, [1, 6, 9], 3));
    expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
    expect(v).toContain(3);
  });

  it('no target: the legend spans exactly the values (one value: one either side)', () => {
    const sat = indicator('satisfaction_score');
    const v = values(colourScale(sat, [61.2, 88.4, 70], null));
    expect(v[0]).toBe(61.2);
    expect(v[v.length - 1]).toBe(88.4);
    expect(v).toHaveLength(5);
    expect(values(colourScale(sat, [75], null))).toEqual([74, 74.5, 75, 75.5, 76]);
  });
});
