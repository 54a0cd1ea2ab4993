import { describe, it, expect } from 'vitest';
import { searchIndex } from '../../src/lib/search/rank';
import { normaliseQuery } from '../../src/lib/search/client';

describe('search', () => {
  it('normalises queries', () => {
    expect(normaliseQuery('  NSQ ')).toBe('nsq');
    expect(normaliseQuery(' 南山 区')).toBe('南山区');
    expect(normaliseQuery('   ')).toBe('');
  });
  const names = ['前海社区居委会', '南山社区居委会', '南山村委会', '新南山街社区居委会', '南头城社区居委会', '北山村委会'];
  it('ranks prefix matches first, then shorter names, then code order', () => {
    expect(searchIndex(names, '南山', 10)).toEqual([2, 1, 3]);
    expect(searchIndex(names, '南山', 2)).toEqual([2, 1]);
    expect(searchIndex(names, '山村', 10)).toEqual([2, 5]);
    expect(searchIndex(names, '东', 10)).toEqual([]);
  });
  it('pinyin initials match from the start only', () => {
    const ini = ['qhsqjwh', 'nssqjwh', 'nscwh', 'xnsjsqjwh'];
    expect(searchIndex(ini, 'ns', 10, true)).toEqual([2, 1]);
    expect(searchIndex(ini, 'sq', 10, true)).toEqual([]);
  });
  it('keeps the best matches over a large index without sorting all of them', () => {
    const big = Array.from({ length: 50_000 }, (_, i) => `${'甲'.repeat(1 + (i % 7))}社区`);
    const top = searchIndex(big, '社区', 5);
    expect(top.map((i) => big[i])).toEqual(['甲社区', '甲社区', '甲社区', '甲社区', '甲社区']);
    expect(top).toEqual([0, 7, 14, 21, 28]); // ties keep code order
  });
});
