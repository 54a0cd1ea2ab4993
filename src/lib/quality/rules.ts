// Plausibility rules of the data-quality report: warnings, not errors. The import's validator
// (scripts/lib/validate.ts) refuses values that cannot be true (a share above 100 %, more certified
// workers than workers); these rules flag values that can be true but rarely are, for a person to
// check: satisfaction scores given as favours (人情分, seed 002: "人情分情况较多"), households that
// jump from one year to the next, ratios far from their peers, surveys too small to mean much and
// indicators left empty. Every threshold is a constant here: the SQL (sql.ts) is generated from
// these definitions and never takes a threshold from a user.

import { baseColumns } from '../indicators/catalogue';

/** What a warning is about: one unit, a street (街道/乡镇), a district (区县), or a street or a district. */
export type RuleLevel = 'unit' | 'street' | 'district' | 'area';

export interface RuleDef {
  id: RuleId;
  zh: string;
  en: string;
  level: RuleLevel;
  /** The threshold a warning's value is compared with, as shown in reports. */
  threshold: number;
  /** How the threshold reads, e.g. "≥ 80 % of units". */
  threshold_zh: string;
  threshold_en: string;
  explanation_zh: string;
  explanation_en: string;
}

export type RuleId = 'uniform_satisfaction' | 'yoy_jump' | 'peer_ratio' | 'small_survey' | 'missing_indicator';

/** 人情分: a street or a district where most units report the same satisfaction score or a score at
 *  the ceiling. Both are judged: a district can be uniform across streets too small to judge alone. */
export const UNIFORM = {
  /** Areas judged, by the length of their code: streets (9 digits) and districts (6). */
  digits: [9, 6],
  /** Streets with fewer units with a score are not judged (five identical scores can be chance). */
  minUnits: 5,
  /** Share of the street's units with one identical score, or at the ceiling, that raises a warning. */
  share: 0.8,
  /** A score at or above this is "at the ceiling" (the scale ends at 100). */
  ceiling: 99.5
} as const;

/** Year-on-year change a base column may show before it is flagged: relative (|this / last − 1| above
 *  `max`) and absolute (more than `minChange`), so that a village of 40 households gaining 15 is not. */
export const JUMPS = [
  { column: 'households', max: 0.3, minChange: 50 },
  { column: 'residents', max: 0.3, minChange: 150 }
] as const;

/** Ratios compared with their peers: the units of the same district and type (urban / rural). */
export const PEER = {
  indicators: ['volunteers_per_100', 'households_per_worker', 'facility_area_per_100hh'],
  /** A value more than `factor` times the peers' median, or less than median / factor, is flagged. */
  factor: 10,
  /** Fewer peers with a positive value than this: no comparison. */
  minPeers: 10
} as const;

/** A satisfaction score from fewer surveyed households than this is flagged. */
export const SMALL_SURVEY = { min: 30 } as const;

/** An indicator whose inputs are empty for more than this share of a district's units is flagged. */
export const MISSING = { share: 0.2 } as const;

const columnName = (name: string, locale: 'zh' | 'en') => {
  const c = baseColumns.find((b) => b.name === name);
  return c ? c[locale] : name;
};

export const RULES: RuleDef[] = [
  {
    id: 'uniform_satisfaction',
    zh: '满意度过于一致(人情分)',
    en: 'Implausibly uniform satisfaction (favour scores)',
    level: 'area',
    threshold: UNIFORM.share,
    threshold_zh: `≥${UNIFORM.share * 100}% 的单位得分相同或达 ${UNIFORM.ceiling} 分以上(至少 ${UNIFORM.minUnits} 个单位)`,
    threshold_en: `≥ ${UNIFORM.share * 100}% of units with one identical score or at ${UNIFORM.ceiling}+ (at least ${UNIFORM.minUnits} units)`,
    explanation_zh:
      '同一街道(乡镇)或区县内大多数社区的总体满意度完全相同或接近满分，更像是“人情分”而非抽样调查的结果：50–60 户的样本，得分本应有几分的差异。',
    explanation_en:
      'When most units of a street or a district report exactly the same overall satisfaction, or a score at the ceiling, the scores look given as favours rather than surveyed: samples of 50–60 households differ by a few points.'
  },
  {
    id: 'yoy_jump',
    zh: '年度跳变',
    en: 'Year-on-year jump',
    level: 'unit',
    threshold: JUMPS[0].max,
    threshold_zh: JUMPS.map((j) => `${columnName(j.column, 'zh')}变化超过 ${j.max * 100}% 且超过 ${j.minChange}`).join('；'),
    threshold_en: JUMPS.map(
      (j) => `${columnName(j.column, 'en')} changing by more than ${j.max * 100}% and by more than ${j.minChange}`
    ).join('; '),
    explanation_zh: '户数和常住人口逐年变化缓慢；一年内变化三成以上，多半是统计口径变化、重复计数或录入错误。',
    explanation_en:
      'Households and residents change slowly; a change of more than 30 % in one year is more often a change of definition, double counting or a typing error than a real change.'
  },
  {
    id: 'peer_ratio',
    zh: '比值远离同类',
    en: 'Ratio far from its peers',
    level: 'unit',
    threshold: PEER.factor,
    threshold_zh: `高于同区县同类单位中位数的 ${PEER.factor} 倍或低于其 1/${PEER.factor}(同类至少 ${PEER.minPeers} 个)`,
    threshold_en: `more than ${PEER.factor}× the median of the district's units of the same type, or less than 1/${PEER.factor} of it (at least ${PEER.minPeers} peers)`,
    explanation_zh: '同一区县、同为城市社区或村的单位，比值相差十倍以上，通常是单位或小数点录错。',
    explanation_en:
      'Units of the same district and type rarely differ tenfold; such a ratio is usually a wrong unit of measure or a misplaced decimal point.'
  },
  {
    id: 'small_survey',
    zh: '满意度样本过小',
    en: 'Survey below the minimum sample',
    level: 'unit',
    threshold: SMALL_SURVEY.min,
    threshold_zh: `受访户数少于 ${SMALL_SURVEY.min} 户`,
    threshold_en: `fewer than ${SMALL_SURVEY.min} households surveyed`,
    explanation_zh: '满意度调查一般每社区抽 50–60 户；少于 30 户时得分的误差太大，不宜用于考核。',
    explanation_en:
      'Satisfaction surveys sample 50–60 households per community; below 30 the score is too uncertain to assess a unit by.'
  },
  {
    id: 'missing_indicator',
    zh: '指标缺失过多',
    en: 'Indicator missing for many units',
    level: 'district',
    threshold: MISSING.share,
    threshold_zh: `超过 ${MISSING.share * 100}% 的单位缺少该指标的数据`,
    threshold_en: `more than ${MISSING.share * 100}% of units without the indicator's data`,
    explanation_zh: '一个区县内超过两成单位缺少某项指标的数据时，该区县的指标值只代表部分单位，排名可能失真。',
    explanation_en:
      "When more than a fifth of a district's units have no data for an indicator, the district's value stands for only some of its units and its rank may mislead."
  }
];

const byId = new Map(RULES.map((r) => [r.id, r]));

/** The definition of a rule; throws for an unknown id. */
export function rule(id: string): RuleDef {
  const r = byId.get(id as RuleId);
  if (!r) throw new Error(`unknown quality rule "${id}"`);
  return r;
}
