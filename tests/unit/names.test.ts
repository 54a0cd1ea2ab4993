import { describe, it, expect } from 'vitest';
import { englishName, initialsOf } from '../../scripts/lib/initials';

describe('region names for search and the English interface', () => {
  it('pinyin initials', () => {
    expect(initialsOf('多福巷社区居委会')).toBe('dfxsqjwh');
    expect(initialsOf('南山区')).toBe('nsq');
  });
  it('English names: pinyin plus a translated suffix', () => {
    expect(englishName('广东省')).toBe('Guangdong Province');
    expect(englishName('南山区')).toBe('Nanshan District');
    expect(englishName('新疆维吾尔自治区')).toBe('Xinjiang Uygur Autonomous Region');
    expect(englishName('陕西省')).toBe('Shaanxi Province');
    expect(englishName('山西省')).toBe('Shanxi Province');
    expect(englishName('市辖区')).toBe('Districts');
  });
});
