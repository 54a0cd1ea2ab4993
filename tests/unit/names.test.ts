import { describe, it, expect } from 'vitest';
import { englishName, initialsOf } from '../../scripts/lib/initials';
import { provinces, provinceName } from '../../src/lib/i18n/provinces';
import { RegionTree } from '../../src/lib/data/regions';

describe('region names for search and the English interface', () => {
  it('pinyin initials', () => {
    expect(initialsOf('多福巷社区居委会')).toBe('dfxsqjwh');
    expect(initialsOf('南山区')).toBe('nsq');
  });
  it('provinces: the official English names from one table', () => {
    expect(englishName('内蒙古自治区')).toBe('Inner Mongolia Autonomous Region');
    expect(englishName('广西壮族自治区')).toBe('Guangxi Zhuang Autonomous Region');
    expect(englishName('西藏自治区')).toBe('Xizang Autonomous Region');
    expect(englishName('新疆维吾尔自治区')).toBe('Xinjiang Uygur Autonomous Region');
    expect(englishName('广东省')).toBe('Guangdong Province');
    expect(englishName('陕西省')).toBe('Shaanxi Province');
    expect(englishName('山西省')).toBe('Shanxi Province');
    expect(englishName('北京市')).toBe('Beijing Municipality');
    expect(provinceName('150000')?.short).toBe('Inner Mongolia');
    expect(provinceName('450000')?.short).toBe('Guangxi');
  });
  it('the table holds all 34 provincial-level divisions, codes ending 0000', () => {
    expect(Object.keys(provinces)).toHaveLength(34);
    for (const code of Object.keys(provinces)) expect(code).toMatch(/^[1-8]\d0000$/);
  });
  it('below the province: the proper name as one word plus the translated kind', () => {
    expect(englishName('南山区')).toBe('Nanshan District');
    expect(englishName('粤海街道')).toBe('Yuehai Subdistrict');
    expect(englishName('南通经济技术开发区')).toBe('Nantong Economic and Technological Development Zone');
    expect(englishName('石家庄高新技术产业开发区')).toBe('Shijiazhuang High-tech Industrial Development Zone');
    expect(englishName('浦东新区')).toBe('Pudong New Area');
    expect(englishName('锡林郭勒盟')).toBe('Xilinguole League');
    expect(englishName('科尔沁右翼中旗')).toBe("Ke'erqinyouyizhong Banner");
    expect(englishName('沙河镇')).toBe('Shahe Town');
    expect(englishName('多福巷社区居委会')).toBe('Duofuxiang Community');
    expect(englishName('南村村委会')).toBe('Nancun Village');
    expect(englishName('万柏林区')).toBe('Wanbolin District');
    expect(englishName('神农架林区')).toBe('Shennongjia Forestry District');
    expect(englishName('市辖区')).toBe('Districts');
  });
  it('nationalities inside names', () => {
    expect(englishName('恩施土家族苗族自治州')).toBe('Enshi Tujia and Miao Autonomous Prefecture');
    expect(englishName('围场满族蒙古族自治县')).toBe('Weichang Manchu and Mongolian Autonomous County');
    expect(englishName('延边朝鲜族自治州')).toBe('Yanbian Korean Autonomous Prefecture');
    expect(englishName('伊犁哈萨克自治州')).toBe('Yili Kazak Autonomous Prefecture');
    expect(englishName('鄂伦春自治旗')).toBe('Oroqen Autonomous Banner');
    expect(englishName('瀍河回族区')).toBe('Chanhe Hui Ethnic District');
    expect(englishName('长安营满族乡')).toBe("Chang'anying Manchu Ethnic Township");
    expect(englishName('隆林各族自治县')).toBe('Longlin Various Nationalities Autonomous County');
  });
  it('pinyin spelling: apostrophes between syllables, provinces and cities as separate words', () => {
    expect(englishName('淮安市')).toBe("Huai'an City");
    expect(englishName('河北唐山海港经济开发区')).toBe('Hebei Tangshanhaigang Economic Development Zone');
    expect(englishName('秦皇岛市经济技术开发区')).toBe('Qinhuangdao Economic and Technological Development Zone');
  });
  it('the site names provinces from the table even when a snapshot carries an older English name', () => {
    const tree = new RegionTree([
      ['150000', '内蒙古自治区', 'p', null, 'nmgzzq', 'Neimenggu Autonomous Region'],
      ['110000', '北京市', 'p', null, 'bjs', 'Beijing City'],
      ['110100', '市辖区', 'c', '110000', 'sxq', 'Districts'],
      ['110105', '朝阳区', 'd', '110100', 'cyq', 'Chaoyang District']
    ]);
    expect(tree.name('150000', 'en')).toBe('Inner Mongolia Autonomous Region');
    expect(tree.name('150000', 'en', true)).toBe('Inner Mongolia');
    expect(tree.name('150000')).toBe('内蒙古自治区');
    expect(tree.name('110100', 'en')).toBe('Beijing Districts');
    expect(tree.name('110100')).toBe('北京市市辖区');
    expect(tree.name('110105', 'en')).toBe('Chaoyang District');
    expect(tree.name('000000', 'en')).toBe('China');
  });
});
