import { describe, it, expect } from 'vitest';
import { indicator } from '../../src/lib/indicators/catalogue';
import { arrowFor, lightFor, pathToTarget, targetFor } from '../../src/lib/indicators/status';

const rural = indicator('facility_coverage_rural'); // target 80, red 50, higher is better
const boards = indicator('signboards'); // target ≤ 3, red 10, lower is better

describe('traffic lights (hand-checked)', () => {
  it('higher is better', () => {
    expect(lightFor(rural, 80, 80)).toBe('green');
    expect(lightFor(rural, 93.5, 80)).toBe('green');
    expect(lightFor(rural, 70, 80)).toBe('yellow'); // (70−50)/(80−50) = 0.67 > 0.5
    expect(lightFor(rural, 65, 80)).toBe('orange'); // exactly half way is not "more than half"
    expect(lightFor(rural, 58.7, 80)).toBe('orange');
    expect(lightFor(rural, 50, 80)).toBe('red');
    expect(lightFor(rural, 12, 80)).toBe('red');
    expect(lightFor(rural, null, 80)).toBe('grey');
  });
  it('lower is better reads the right way round', () => {
    expect(lightFor(boards, 3, 3)).toBe('green');
    expect(lightFor(boards, 2, 3)).toBe('green');
    expect(lightFor(boards, 5, 3)).toBe('yellow'); // (10−5)/(10−3) = 0.71
    expect(lightFor(boards, 7, 3)).toBe('orange'); // 0.43
    expect(lightFor(boards, 10, 3)).toBe('red');
    expect(lightFor(boards, 14, 3)).toBe('red');
  });
  it('no target gives no light', () => {
    const sat = indicator('satisfaction_score');
    expect(targetFor(sat)).toBeNull();
    expect(lightFor(sat, 90, null)).toBe('none');
  });
  it('separate urban/rural targets weight by unit counts', () => {
    const orgs = indicator('social_orgs_per_community');
    expect(targetFor(orgs, { urban: 1, rural: 0 })).toBe(10);
    expect(targetFor(orgs, { urban: 0, rural: 3 })).toBe(5);
    expect(targetFor(orgs, { urban: 1, rural: 3 })).toBeCloseTo(6.25);
  });
});

describe('trend arrows', () => {
  it('higher is better: pace needed to reach the target by the target year', () => {
    expect(arrowFor(rural, 70, 76, 80, 2024)).toBe('↑'); // from 70, 10 points over 2 years: 5 a year; made 6
    expect(arrowFor(rural, 70, 72, 80, 2022)).toBe('↗'); // 10 over 4 years: 2.5 a year; made 2 (≥ half)
    expect(arrowFor(rural, 70, 71, 80, 2022)).toBe('→'); // made 1 (< half, ≥ 0)
    expect(arrowFor(rural, 76.93, 79.44, 80, 2025)).toBe('↗'); // target year, still short: not "on track"
    expect(arrowFor(rural, 70, 69, 80, 2022)).toBe('↓');
    expect(arrowFor(rural, 79, 81, 80, 2024)).toBe('↑'); // met and improving
    expect(arrowFor(rural, 85, 82, 80, 2024)).toBe('↓'); // met but getting worse
    expect(arrowFor(rural, null, 82, 80, 2024)).toBe('');
  });
  it('lower is better', () => {
    expect(arrowFor(boards, 8, 6, 3, 2023)).toBe('↑'); // from 8, 5 boards over 3 years: 1.67 a year; cut 2
    expect(arrowFor(boards, 8, 6.8, 3, 2023)).toBe('↗'); // cut 1.2 (≥ half of 1.67)
    expect(arrowFor(boards, 8, 7.6, 3, 2023)).toBe('→'); // cut 0.4
    expect(arrowFor(boards, 6, 7, 3, 2023)).toBe('↓');
  });
  it('past the target year the remaining gap is due within a year', () => {
    const cpc = indicator('certified_per_community'); // target 1 by 2020
    expect(arrowFor(cpc, 0.5, 0.7, 1, 2024)).toBe('→'); // the whole gap of 0.5 was due; made 0.2 (< half)
    expect(arrowFor(cpc, 0.5, 0.8, 1, 2024)).toBe('↗'); // made 0.3 (≥ half)
  });
  it('path to target is a straight line ending at the target', () => {
    const p = pathToTarget(2019, 59.3, 80, 2025);
    expect(p).toHaveLength(7);
    expect(p[0]).toEqual([2019, 59.3]);
    expect(p[6][1]).toBeCloseTo(80);
    expect(p[3][1]).toBeCloseTo(59.3 + (80 - 59.3) / 2);
  });
});
