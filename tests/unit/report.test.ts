import { describe, expect, it } from 'vitest';
import { wrapLines } from '../../src/lib/charts/report';
import { roundCell, toCsv } from '../../src/lib/csv';

// One "pixel" per character: widths are easy to reason about.
const width = (s: string) => s.length;

describe('PNG caption lines', () => {
  it('breaks Chinese between characters and English between words', () => {
    expect(wrapLines('农村社区综合服务设施覆盖率', 5, width)).toEqual(['农村社区综', '合服务设施', '覆盖率']);
    expect(wrapLines('Rural community service facility coverage', 16, width)).toEqual([
      'Rural community',
      'service facility',
      'coverage'
    ]);
  });
  it('keeps a short line whole and never returns nothing', () => {
    expect(wrapLines('广东省 · 2025', 40, width)).toEqual(['广东省 · 2025']);
    expect(wrapLines('', 10, width)).toEqual(['']);
  });
  it('puts a word longer than the line on its own line rather than losing it', () => {
    expect(wrapLines('a verylongword b', 4, width)).toEqual(['a', 'verylongword', 'b']);
  });
});

describe('CSV numbers', () => {
  it('rounds to the decimals plus two, without float noise', () => {
    expect(roundCell(96.03174603174604, 1)).toBe(96.032);
    expect(roundCell(0.1 + 0.2, 1)).toBe(0.3);
    expect(roundCell(620573, 0)).toBe(620573);
    expect(toCsv(['v'], [[roundCell(96.03174603174604, 1)]])).toBe('\uFEFFv\r\n96.032\r\n');
  });
  it('leaves text, missing values and unknown decimals alone', () => {
    expect(roundCell('440000', 1)).toBe('440000');
    expect(roundCell(null, 1)).toBeNull();
    expect(roundCell(1 / 3, undefined)).toBe(1 / 3);
  });
});
