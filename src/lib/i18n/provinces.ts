// English names of the 34 provincial-level divisions, keyed by GB/T 2260 code: one table for the
// scripts (baked into snapshots) and the site.
//
// Conventions, following the State Council's English site (english.gov.cn) and the
// administrative-division lists of the Ministry of Civil Affairs:
// - `full` always carries the kind of division: "… Province", "… Municipality", "… Autonomous
//   Region" (with the titular nationality, as in the official names: "Guangxi Zhuang"),
//   "… Special Administrative Region". 西藏 is "Xizang", the spelling official English texts use;
//   陕西 is "Shaanxi", distinct from 山西 "Shanxi"; 澳门 is "Macao".
// - `short` is the bare proper name for tight spaces (table cells, map labels, breadcrumbs):
//   "Beijing", "Inner Mongolia", "Guangxi", "Hong Kong".
export interface ProvinceName {
  zh: string;
  full: string;
  short: string;
}

export const provinces: Record<string, ProvinceName> = {
  '110000': { zh: '北京市', full: 'Beijing Municipality', short: 'Beijing' },
  '120000': { zh: '天津市', full: 'Tianjin Municipality', short: 'Tianjin' },
  '130000': { zh: '河北省', full: 'Hebei Province', short: 'Hebei' },
  '140000': { zh: '山西省', full: 'Shanxi Province', short: 'Shanxi' },
  '150000': { zh: '内蒙古自治区', full: 'Inner Mongolia Autonomous Region', short: 'Inner Mongolia' },
  '210000': { zh: '辽宁省', full: 'Liaoning Province', short: 'Liaoning' },
  '220000': { zh: '吉林省', full: 'Jilin Province', short: 'Jilin' },
  '230000': { zh: '黑龙江省', full: 'Heilongjiang Province', short: 'Heilongjiang' },
  '310000': { zh: '上海市', full: 'Shanghai Municipality', short: 'Shanghai' },
  '320000': { zh: '江苏省', full: 'Jiangsu Province', short: 'Jiangsu' },
  '330000': { zh: '浙江省', full: 'Zhejiang Province', short: 'Zhejiang' },
  '340000': { zh: '安徽省', full: 'Anhui Province', short: 'Anhui' },
  '350000': { zh: '福建省', full: 'Fujian Province', short: 'Fujian' },
  '360000': { zh: '江西省', full: 'Jiangxi Province', short: 'Jiangxi' },
  '370000': { zh: '山东省', full: 'Shandong Province', short: 'Shandong' },
  '410000': { zh: '河南省', full: 'Henan Province', short: 'Henan' },
  '420000': { zh: '湖北省', full: 'Hubei Province', short: 'Hubei' },
  '430000': { zh: '湖南省', full: 'Hunan Province', short: 'Hunan' },
  '440000': { zh: '广东省', full: 'Guangdong Province', short: 'Guangdong' },
  '450000': { zh: '广西壮族自治区', full: 'Guangxi Zhuang Autonomous Region', short: 'Guangxi' },
  '460000': { zh: '海南省', full: 'Hainan Province', short: 'Hainan' },
  '500000': { zh: '重庆市', full: 'Chongqing Municipality', short: 'Chongqing' },
  '510000': { zh: '四川省', full: 'Sichuan Province', short: 'Sichuan' },
  '520000': { zh: '贵州省', full: 'Guizhou Province', short: 'Guizhou' },
  '530000': { zh: '云南省', full: 'Yunnan Province', short: 'Yunnan' },
  '540000': { zh: '西藏自治区', full: 'Xizang Autonomous Region', short: 'Xizang' },
  '610000': { zh: '陕西省', full: 'Shaanxi Province', short: 'Shaanxi' },
  '620000': { zh: '甘肃省', full: 'Gansu Province', short: 'Gansu' },
  '630000': { zh: '青海省', full: 'Qinghai Province', short: 'Qinghai' },
  '640000': { zh: '宁夏回族自治区', full: 'Ningxia Hui Autonomous Region', short: 'Ningxia' },
  '650000': { zh: '新疆维吾尔自治区', full: 'Xinjiang Uygur Autonomous Region', short: 'Xinjiang' },
  '710000': { zh: '台湾省', full: 'Taiwan Province', short: 'Taiwan' },
  '810000': { zh: '香港特别行政区', full: 'Hong Kong Special Administrative Region', short: 'Hong Kong' },
  '820000': { zh: '澳门特别行政区', full: 'Macao Special Administrative Region', short: 'Macao' }
};

const byName = new Map(Object.values(provinces).map((p) => [p.zh, p]));

/** The table entry for a provincial-level division, by code or by its Chinese name. */
export function provinceName(codeOrName: string): ProvinceName | undefined {
  return provinces[codeOrName] ?? byName.get(codeOrName);
}
