// Example queries listed on the console (click to load and run). The first runs when the page is
// opened without ?q=. Each filters on year and region where it can, so it loads few partitions.

export interface Example {
  id: string;
  zh: string;
  en: string;
  sql: string;
}

export const EXAMPLES: Example[] = [
  {
    id: 'districts',
    zh: '广东省 2025 年各区县：单位数、居民满意度与持证社工占比',
    en: 'Guangdong 2025 by district: units, satisfaction and certified share',
    sql: `SELECT v.district, r.name,
  round(avg(v.satisfaction_score), 2) AS satisfaction,
  round(avg(v.certified_share), 2) AS certified_share,
  count(*) AS units
FROM unit_values v JOIN regions r ON r.code = v.district
WHERE v.year = 2025 AND v.province = '44'
GROUP BY ALL
ORDER BY satisfaction DESC`
  },
  {
    id: 'trend',
    zh: '四川省农村社区综合服务设施覆盖率，逐年',
    en: 'Sichuan: rural facility coverage, year by year',
    sql: `SELECT year, count(*) AS villages,
  round(100.0 * sum(has_facility) / count(*), 1) AS facility_coverage
FROM units
WHERE province = '51' AND urban = 0
GROUP BY year
ORDER BY year`
  },
  {
    id: 'provinces',
    zh: '2025 年各省城市社区：每万城镇人口社区工作者数',
    en: '2025 by province, urban communities: workers per 10,000 residents',
    sql: `SELECT u.province || '0000' AS code, r.name,
  round(10000.0 * sum(u.workers) / sum(u.residents), 1) AS workers_per_10k
FROM units u JOIN regions r ON r.code = u.province || '0000'
WHERE u.year = 2025 AND u.urban = 1
GROUP BY ALL
ORDER BY workers_per_10k DESC`
  },
  {
    id: 'scatter',
    zh: '深圳市 2025 年：户数与社区工作者数(散点)',
    en: 'Shenzhen 2025: households against community workers (scatter)',
    sql: `SELECT households, workers
FROM units
WHERE year = 2025 AND code LIKE '4403%'`
  },
  {
    id: 'top3',
    zh: '深圳市各区满意度最高的三个社区(窗口函数)',
    en: 'Shenzhen: the three most satisfied communities of each district (window function)',
    sql: `SELECT district, name, satisfaction_score,
  rank() OVER (PARTITION BY district ORDER BY satisfaction_score DESC) AS place
FROM unit_values
WHERE year = 2025 AND city = '4403' AND satisfaction_score IS NOT NULL
QUALIFY place <= 3
ORDER BY district, place`
  },
  {
    id: 'catalogue',
    zh: '指标目录：有目标值的指标',
    en: 'The catalogue: indicators with a target',
    sql: `SELECT id, name_zh, name_en, unit, direction, target_value, target_year, target_kind
FROM indicators
WHERE target_value IS NOT NULL
ORDER BY dimension, id`
  }
];

export const DEFAULT_SQL = EXAMPLES[0].sql;
