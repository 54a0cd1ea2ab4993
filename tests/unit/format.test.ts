import { describe, it, expect } from 'vitest';
import { fmtChange, fmtCount, fmtNumber, fmtValue } from '../../src/lib/format';

describe('Chinese number conventions', () => {
  it('万 and 亿', () => {
    expect(fmtCount(620573)).toBe('62.1万');
    expect(fmtCount(4338000)).toBe('433.8万');
    expect(fmtCount(1_412_000_000)).toBe('14.1亿');
    expect(fmtCount(9999)).toBe('9,999');
    expect(fmtCount(null)).toBe('—');
  });
  it('English alternative', () => {
    expect(fmtCount(620573, 'en')).toBe('620.6K');
    expect(fmtCount(4338000, 'en')).toBe('4.3M');
    expect(fmtCount(1_412_000_000, 'en')).toBe('1.4B');
    expect(fmtCount(9999, 'en')).toBe('9,999');
    expect(fmtCount(12_000, 'en', 0)).toBe('12K');
  });
  it('compact counts: whole numbers drop trailing zeros, negatives keep their sign', () => {
    expect(fmtCount(100_000_000)).toBe('1亿');
    expect(fmtCount(10_000)).toBe('1万');
    expect(fmtCount(-55_555)).toBe('-5.6万');
    expect(fmtCount(123.45, 'zh')).toBe('123.5');
  });
  it('values with units and percentages', () => {
    expect(fmtValue(79.44, '%', 1)).toBe('79.4%');
    expect(fmtValue(18.2, '人/万人', 1)).toBe('18.2 人/万人');
    expect(fmtValue(Number.NaN, '%')).toBe('—');
    expect(fmtNumber(1234.5, 1)).toBe('1,234.5');
  });
  it('signed changes; percentages change in percentage points', () => {
    expect(fmtChange(2.345, '%', 1)).toBe('+2.3个百分点');
    expect(fmtChange(-0.4, '块', 1)).toBe('−0.4 块');
    expect(fmtChange(-0.4, '%', 1, 'en')).toBe('−0.4 pp');
    expect(fmtChange(0, '%', 1)).toBe('±0.0个百分点');
  });
});

describe('fmtNumber equals Intl.NumberFormat (zh-CN, en-GB) without creating one', () => {
  it('over random, rounding-edge, negative and large values', () => {
    const values = [0, -0, 0.5, 1.005, 2.5, -0.04, -0.05, 999.95, 1234.5, 99_999.99, 1e9 + 0.5, -1_234_567.891];
    let seed = 7;
    for (let i = 0; i < 3000; i++) {
      seed = (seed * 16807) % 2147483647;
      values.push(((seed / 2147483647 - 0.3) * 10 ** (i % 10)) / 7);
    }
    for (const locale of ['zh', 'en'] as const)
      for (const d of [0, 1, 2, 3]) {
        const intl = new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', {
          minimumFractionDigits: d,
          maximumFractionDigits: d
        });
        for (const v of values) expect(fmtNumber(v, d, locale), `${v} ${d} ${locale}`).toBe(intl.format(v));
      }
  });
});
