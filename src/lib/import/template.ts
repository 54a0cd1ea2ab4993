// The fill-in template a department sends to its streets and communities (issue 9): built from the
// base-column schema (data/schema/base-columns.json), so a new column appears in the template, its
// notes and the validator at once. Pure: no Node APIs and no DOM, for `npm run template` and the
// browser's /import/ page alike. The workbook itself is written by ./template-xlsx.ts.
import { toCsv, type Cell } from '../csv';
import {
  baseColumns,
  columnsOf,
  crossRules,
  identityColumns,
  indicators,
  type BaseColumn,
  type CrossRule,
  type Indicator
} from '../indicators/catalogue';

/** What a template is made from: the schema's columns (identity first), its cross-field rules, and
 *  the catalogue's indicators (to say where each column is used). Defaults: the shipped catalogue. */
export interface TemplateSchema {
  columns: BaseColumn[];
  rules: CrossRule[];
  indicators: Pick<Indicator, 'zh' | 'formula'>[];
  /** Longest name the validator accepts (./validate.ts MAX_NAME_LENGTH). */
  maxNameLength: number;
}

export const defaultSchema: TemplateSchema = {
  columns: [...identityColumns, ...baseColumns],
  rules: crossRules,
  indicators,
  maxNameLength: 100
};

/** One unit to prefill: a community or village of the chosen region. */
export interface TemplateUnit {
  code: string;
  name: string;
  urban: number | null;
}

export interface TemplateOptions {
  /** Units whose identity columns (code, name, urban, year) are filled in, one row each, in this order. */
  units?: TemplateUnit[];
  /** Year written in the prefilled rows' year column. */
  year?: number;
  schema?: TemplateSchema;
}

/** A template: the fill-in sheet (header + rows) and its notes sheet (header + one row per column). */
export interface Template {
  header: string[];
  rows: Cell[][];
  notes: string[][];
  /** Column indexes of text columns (the code above all: stored as text so 12 digits stay 12 digits). */
  textColumns: number[];
}

/** The header cell of a column: its Chinese name with the unit, e.g. `户数(户)` (the validator's
 *  `columnFor` reads exactly this form), or the bare Chinese name when the column has no unit. */
export function headerLabel(column: BaseColumn): string {
  return column.unit ? `${column.zh}(${column.unit})` : column.zh;
}

const isFlag = (c: BaseColumn) => c.type === 'TINYINT' && c.range?.[0] === 0 && c.range?.[1] === 1;

const TYPE_TEXT: Record<BaseColumn['type'], string> = {
  VARCHAR: '文本 text',
  SMALLINT: '整数 whole number',
  INTEGER: '整数 whole number',
  TINYINT: '整数 whole number',
  REAL: '数值，可有小数 number, decimals allowed'
};

function typeText(c: BaseColumn): string {
  return isFlag(c) ? '0 或 1 (0 or 1)' : TYPE_TEXT[c.type];
}

/** The valid values of a column as the validator checks them. */
export function rangeText(c: BaseColumn, schema: TemplateSchema = defaultSchema): string {
  if (c.name === 'code') return `12 位数字 12 digits${c.pattern ? ` (${c.pattern})` : ''}`;
  if (c.type === 'VARCHAR') return `1–${schema.maxNameLength} 个字符 characters`;
  if (c.name === 'urban') return '1 = 城市社区 urban community, 0 = 村 village (也可填 城市/农村)';
  if (isFlag(c)) return '1 = 是 yes, 0 = 否 no (也可填 是/否)';
  if (!c.range) return '';
  return `${c.range[0]}–${c.range[1]}${c.unit ? ` ${c.unit}` : ''}`;
}

const IDENTITY_NOTES: Record<string, string> = {
  code: '请按文本填写，勿让 Excel 转为数字或科学计数法 / typed as text, not as an Excel number',
  year: '',
  name: '',
  urban: ''
};

/** What a column holds (the schema's definition, in both languages), the indicators computed from it,
 *  and how to fill it. */
export function definitionText(c: BaseColumn, schema: TemplateSchema = defaultSchema): string {
  const used = schema.indicators
    .filter((i) => columnsOf(`${i.formula.numerator} ${i.formula.denominator}`).includes(c.name))
    .map((i) => i.zh);
  const what =
    IDENTITY_NOTES[c.name] ?? (used.length ? `用于指标 used by: ${used.join('、')}` : '不参与指标计算 not used by any indicator');
  const parts = [
    c.def_zh && `${c.def_zh} ${c.def_en ?? ''}`.trim(),
    what,
    c.required ? '必填 required' : '不详可留空，留空即缺失 may be left empty (missing)'
  ];
  return parts.filter(Boolean).join('；');
}

/** The cross-field rules that involve a column, each as `check：中文说明 / English`. */
export function rulesText(c: BaseColumn, schema: TemplateSchema = defaultSchema): string {
  return schema.rules
    .filter((r) => columnsOf(r.check).includes(c.name))
    .map((r) => `${r.check}：${r.zh} / ${r.en}`)
    .join('；');
}

export const NOTES_HEADER = [
  '列名 column',
  '表头 header',
  '中文名称 Chinese name',
  '英文名称 English name',
  '单位 unit',
  '类型 type',
  '必填 required',
  '有效范围 valid range',
  '说明 definition',
  '校验规则 cross-field rules'
];

/** The notes table: NOTES_HEADER, then one row per column of the schema, in template order. */
export function templateNotes(schema: TemplateSchema = defaultSchema): string[][] {
  return [
    NOTES_HEADER,
    ...schema.columns.map((c) => [
      c.name,
      headerLabel(c),
      c.zh,
      c.en,
      c.unit ?? '',
      typeText(c),
      c.required ? '是 yes' : '否 no',
      rangeText(c, schema),
      definitionText(c, schema),
      rulesText(c, schema)
    ])
  ];
}

/** The fill-in template: Chinese headers with units, and one row per unit with its identity filled in. */
export function buildTemplate(opts: TemplateOptions = {}): Template {
  const schema = opts.schema ?? defaultSchema;
  const { columns } = schema;
  const units = opts.units ?? [];
  if (units.length && opts.year === undefined) throw new Error('year: needed to prefill units');
  const identity: Record<string, (u: TemplateUnit) => Cell> = {
    code: (u) => u.code,
    name: (u) => u.name,
    urban: (u) => u.urban,
    year: () => opts.year
  };
  return {
    header: columns.map(headerLabel),
    rows: units.map((u) => columns.map((c) => identity[c.name]?.(u) ?? null)),
    notes: templateNotes(schema),
    textColumns: columns.flatMap((c, i) => (c.type === 'VARCHAR' ? [i] : []))
  };
}

/** The fill-in sheet as CSV: UTF-8 with BOM (Excel reads the Chinese headers), CRLF, RFC 4180 quoting. */
export const templateCsv = (t: Template): string => toCsv(t.header, t.rows);
/** The notes as a CSV of their own (a CSV has one sheet). */
export const notesCsv = (t: Template): string => toCsv(t.notes[0], t.notes.slice(1));

/** The 6-digit region code's prefix shared by the 12-digit codes of its units: province 11 (110000),
 *  city 1101 (110100), district 110101. `level` is the region's level in regions.json (p, c or d). */
export function unitPrefix(code: string, level: 'p' | 'c' | 'd'): string {
  if (!/^\d{6}$/.test(code)) throw new Error(`region: "${code}" is not a 6-digit region code`);
  return code.slice(0, level === 'p' ? 2 : level === 'c' ? 4 : 6);
}

/** File name of a template: template-110101-2026.xlsx, or template-all-2026.csv without a region. */
export const templateFileName = (region: string | undefined, year: number, format: 'xlsx' | 'csv') =>
  `template-${region ?? 'all'}-${year}.${format}`;

/** Notes file beside a CSV template: template-110101-2026.csv → template-110101-2026-notes.csv. */
export const notesFileName = (csvFile: string) => csvFile.replace(/(\.csv)?$/i, '-notes.csv');
