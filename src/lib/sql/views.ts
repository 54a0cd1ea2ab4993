// The SQL console's documented views and their definitions. `units` and `unit_values` are redefined
// for each query over exactly the partitions it needs (filters.ts); `unit_values` computes every
// catalogue indicator with the catalogue's own SQL (unitExpr), so no formula is written twice.
// `regions` and `indicators` are small tables built once. Pure: SQL text and schema documentation.
import { baseColumns, identityColumns, indicators, type Indicator } from '../indicators/catalogue';
import { unitExpr } from '../indicators/sql';
import { literal } from '../data/sql';
import type { Partition } from './filters';
import type { ViewName } from './guard';

export interface ViewColumn {
  name: string;
  type: string;
  zh: string;
  en: string;
}

export interface ViewDoc {
  name: ViewName;
  zh: string;
  en: string;
  columns: ViewColumn[];
}

const PROVINCE = /^\d{2}$/;
/** units/2025/44.parquet for a partition (checked: it becomes part of SQL text). */
export function unitFile(p: Partition): string {
  if (!Number.isInteger(p.year) || !PROVINCE.test(p.province)) throw new Error(`bad partition ${JSON.stringify(p)}`);
  return `units/${p.year}/${p.province}.parquet`;
}
export function nameFile(province: string): string {
  if (!PROVINCE.test(province)) throw new Error(`bad province ${province}`);
  return `names/${province}.parquet`;
}

const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
const col = (name: string, type: string, zh: string, en: string): ViewColumn => ({ name, type, zh, en });
const identity = (name: string) => identityColumns.find((c) => c.name === name)!;

/** The key columns both unit views start with. */
export const KEY_COLUMNS: ViewColumn[] = [
  ...['code', 'name', 'year', 'urban'].map((n) => {
    const c = identity(n);
    return col(c.name, c.type, c.zh, c.en);
  }),
  col('province', 'VARCHAR', '省级代码前2位，如 44', 'Province: first 2 digits of the code, e.g. 44'),
  col('city', 'VARCHAR', '地级代码前4位，如 4403', 'City: first 4 digits, e.g. 4403'),
  col('district', 'VARCHAR', '区县代码6位，如 440305', 'District: first 6 digits, e.g. 440305'),
  col('street', 'VARCHAR', '街道乡镇代码9位', 'Street or town: first 9 digits')
];

const DERIVED: Record<string, string> = {
  province: 'left(u.code, 2)',
  city: 'left(u.code, 4)',
  district: 'left(u.code, 6)',
  street: 'left(u.code, 9)'
};

/** SELECT list of `units` over a parquet scan `u` joined to names `n`. */
function unitsSelect(): string {
  const keys = KEY_COLUMNS.map((c) =>
    c.name === 'name' ? 'n.name' : DERIVED[c.name] ? `${DERIVED[c.name]} AS ${c.name}` : `u.${q(c.name)}`
  );
  return [...keys, ...baseColumns.map((c) => `u.${q(c.name)}`)].join(', ');
}

/** An empty `units` with the right columns (a query that needs no partition). */
function emptyUnits(): string {
  const typed = [...KEY_COLUMNS, ...baseColumns].map((c) => `CAST(NULL AS ${c.type}) AS ${q(c.name)}`);
  return `SELECT ${typed.join(', ')} WHERE false`;
}

const fileList = (paths: string[]) => `[${paths.map((p) => literal(p)).join(', ')}]`;

/** CREATE statements for `units` and `unit_values` over these partitions. */
export function unitViewsSql(parts: Partition[], inds: Indicator[] = indicators): string[] {
  const provinces = [...new Set(parts.map((p) => p.province))].sort();
  const body = parts.length
    ? `SELECT ${unitsSelect()} FROM read_parquet(${fileList(parts.map(unitFile))}) u
       LEFT JOIN read_parquet(${fileList(provinces.map(nameFile))}) n ON n.code = u.code`
    : emptyUnits();
  const keys = KEY_COLUMNS.map((c) => q(c.name)).join(', ');
  const values = inds.map((i) => `${unitExpr(i)} AS ${q(i.id)}`).join(',\n  ');
  return [
    `CREATE OR REPLACE VIEW units AS ${body}`,
    `CREATE OR REPLACE VIEW unit_values AS SELECT ${keys},\n  ${values}\nFROM units`
  ];
}

type RegionRow = [string, string, string, string | null, string?, string?];
const LEVEL: Record<string, string> = { p: 'province', c: 'city', d: 'district' };

const csvField = (v: string | null) => (v === null ? '' : `"${v.replace(/"/g, '""')}"`);

/** Provinces, cities and districts of regions.json as CSV (code,name,name_en,level,parent). A VALUES
 *  list of 3,300 rows overflows DuckDB-WASM 0.9.1's stack, so the table is read from this text. */
export function regionsCsv(rows: RegionRow[]): string {
  const seen = new Set<string>();
  const lines = ['code,name,name_en,level,parent'];
  for (const [code, name, level, parent, , en] of rows) {
    // Cities without districts are listed once more as their own district: keep them as cities.
    if (code === parent || seen.has(code) || !LEVEL[level]) continue;
    seen.add(code);
    lines.push([code, name, en ?? null, LEVEL[level], parent].map(csvField).join(','));
  }
  return lines.join('\n') + '\n';
}

/** CREATE TABLE regions from that CSV and the streets of streets.parquet. */
export function regionsTableSql(csvFile: string, streetsFile: string): string {
  const columns = `{'code': 'VARCHAR', 'name': 'VARCHAR', 'name_en': 'VARCHAR', 'level': 'VARCHAR', 'parent': 'VARCHAR'}`;
  return `CREATE TABLE regions AS
    SELECT * FROM read_csv(${literal(csvFile)}, header = true, auto_detect = false, delim = ',', quote = '"', columns = ${columns})
    UNION ALL
    SELECT code, name, CAST(NULL AS VARCHAR), 'street', parent FROM read_parquet(${literal(streetsFile)})
    ORDER BY code`;
}

/** Columns of the `indicators` table, with how each comes from the catalogue. */
const INDICATOR_COLUMNS: [ViewColumn, (i: Indicator) => string | number | null][] = [
  [col('id', 'VARCHAR', '指标代码', 'Indicator id'), (i) => i.id],
  [col('dimension', 'VARCHAR', '维度', 'Dimension'), (i) => i.dimension],
  [col('name_zh', 'VARCHAR', '中文名称', 'Chinese name'), (i) => i.zh],
  [col('name_en', 'VARCHAR', '英文名称', 'English name'), (i) => i.en],
  [col('unit', 'VARCHAR', '单位', 'Unit (Chinese)'), (i) => i.unit],
  [col('unit_en', 'VARCHAR', '单位(英文)', 'Unit'), (i) => i.unit_en],
  [
    col('direction', 'INTEGER', '方向：1 越高越好，-1 越低越好，0 适中', 'Direction: 1 higher is better, -1 lower, 0 neither'),
    (i) => i.direction
  ],
  [col('scope', 'VARCHAR', '适用单位：all / urban / rural', 'Applies to: all / urban / rural'), (i) => i.scope],
  [col('decimals', 'INTEGER', '显示小数位', 'Decimals shown'), (i) => i.decimals],
  [col('target_value', 'DOUBLE', '目标值', 'Target value'), (i) => i.target?.value ?? null],
  [col('target_year', 'INTEGER', '目标年份', 'Target year'), (i) => i.target?.year ?? null],
  [
    col('target_kind', 'VARCHAR', 'official 正式目标 / reference 参考值', 'official target or reference figure'),
    (i) => i.target?.kind ?? null
  ],
  [col('target_document', 'VARCHAR', '目标出处', 'Document of the target'), (i) => i.target?.document ?? null],
  [col('red_threshold', 'DOUBLE', '红灯阈值', 'Red-light threshold'), (i) => i.thresholds?.red ?? null],
  [col('numerator', 'VARCHAR', '分子(基础列的 SQL)', 'Numerator (SQL over base columns)'), (i) => i.formula.numerator],
  [col('denominator', 'VARCHAR', '分母', 'Denominator'), (i) => i.formula.denominator],
  [col('scale', 'DOUBLE', '倍数', 'Scale'), (i) => i.formula.scale],
  [col('definition_zh', 'VARCHAR', '定义', 'Definition (Chinese)'), (i) => i.definition_zh],
  [col('definition_en', 'VARCHAR', '定义(英文)', 'Definition'), (i) => i.definition_en],
  [col('source', 'VARCHAR', '来源', 'Source'), (i) => i.source]
];

/** CREATE TABLE indicators from the catalogue. */
export function indicatorsTableSql(inds: Indicator[] = indicators): string {
  const names = INDICATOR_COLUMNS.map(([c]) => c.name);
  const rows = inds.map((i) => `(${INDICATOR_COLUMNS.map(([c, get]) => `CAST(${literal(get(i))} AS ${c.type})`).join(', ')})`);
  return `CREATE TABLE indicators AS SELECT * FROM (VALUES ${rows.join(',\n')}) t(${names.join(', ')})`;
}

/** The documented schema the page lists. */
export function viewDocs(inds: Indicator[] = indicators): ViewDoc[] {
  return [
    {
      name: 'units',
      zh: '每个社区/村每年一行：代码、名称、年份、城乡、各级代码和全部基础列',
      en: 'One row per community or village and year: codes, name, year, urban, region codes and every base column',
      columns: [...KEY_COLUMNS, ...baseColumns.map((c) => col(c.name, c.type === 'REAL' ? 'FLOAT' : c.type, c.zh, c.en))]
    },
    {
      name: 'unit_values',
      zh: '同样的键列，加上用指标目录的公式算出的每项指标(单位自身的值)',
      en: 'The same keys with every catalogue indicator, computed by the catalogue’s formula (the unit’s own value)',
      columns: [...KEY_COLUMNS, ...inds.map((i) => col(i.id, 'DOUBLE', `${i.zh}(${i.unit})`, `${i.en} (${i.unit_en})`))]
    },
    {
      name: 'regions',
      zh: '省、市、区县(regions.json)和街道乡镇(streets.parquet)',
      en: 'Provinces, cities, districts (regions.json) and streets or towns (streets.parquet)',
      columns: [
        col('code', 'VARCHAR', '代码：省市区县6位，街道9位', 'Code: 6 digits, streets 9'),
        col('name', 'VARCHAR', '名称', 'Name'),
        col('name_en', 'VARCHAR', '英文(拼音)名称，街道为空', 'English (pinyin) name; empty for streets'),
        col('level', 'VARCHAR', 'province / city / district / street', 'province / city / district / street'),
        col('parent', 'VARCHAR', '上级代码', 'Parent code')
      ]
    },
    { name: 'indicators', zh: '指标目录', en: 'The indicator catalogue', columns: INDICATOR_COLUMNS.map(([c]) => c) }
  ];
}
