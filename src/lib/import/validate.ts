// Pure validation of a department's unit-year table against data/schema/base-columns.json (no file
// IO, so it is unit-testable). Records go in one at a time, as a spreadsheet shows them (header
// included, N = the row number a spreadsheet user sees); normalised rows come out, in the order of
// `allColumns`, and every problem as `row N, column NAME: what is wrong`.
import { identityColumns, baseColumns, crossRules, type BaseColumn, type CrossRule } from '../indicators/catalogue';
import type { Value } from '../types';
import { compileRule, type CompiledRule } from './rule';

export type Cell = string | number | boolean | null | undefined;
export type { Value } from '../types';
export const allColumns: BaseColumn[] = [...identityColumns, ...baseColumns];
const COLUMN_INDEX = new Map(allColumns.map((c, i) => [c.name, i]));
export const MAX_NAME_LENGTH = 100;
const HEADER_SEARCH = 10; // title rows above the header: look for it among the first 10 non-blank rows

/** (code, year) pairs seen so far → where first: file index × 2^32 + row (a number per key keeps a
 *  million-row import small); `files` names the indexes. */
export interface SeenKeys {
  keys: Map<string, number>;
  files: string[];
}

export interface ValidateOptions {
  /** --year: fills the year column when the file has none (or a cell is empty); a different year in the file is an error. */
  year?: number;
  /** Problems kept as text (all are counted). Default 200. */
  maxProblems?: number;
  /** Called with each valid row; without it, valid rows are collected in the result. */
  onRow?: (values: Value[], rowNumber: number) => void;
  /** Several files validated together: the (code, year) pairs seen so far, shared between their
   *  validators, and this file's name, so a duplicate across files names both files and rows. */
  seen?: SeenKeys;
  file?: string;
  /** Called with every problem (also those past maxProblems) and the column it is about (`file` for
   *  the file as a whole), e.g. to count problems by column. */
  onProblem?: (column: string, text: string) => void;
}

export interface ValidateResult {
  columns: string[];
  rows: Value[][];
  rowCount: number;
  units: number;
  years: number[];
  headerRow: number | null;
  problems: string[];
  problemCount: number;
  warnings: string[];
}

// ---- header names: canonical name, Chinese (zh), English label, "label(unit)", a few aliases ----
const ALIASES: Record<string, string[]> = {
  code: ['代码', '区划代码', '统计用区划代码', '行政区划代码', '社区代码', '村居代码'],
  name: ['单位名称', '社区名称', '村居名称', '社区(村)名称', '社区/村名称'],
  urban: ['城乡', '城乡类型', '城乡属性', '类型', '是否城市社区']
};
export const headerKey = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\u200B-\u200F\uFEFF]/g, '')
    .replace(/\s+/g, '')
    .toLowerCase();
const headerMap = new Map<string, string>();
for (const c of allColumns) {
  const labels = [c.name, c.zh, c.en, ...(ALIASES[c.name] ?? [])];
  if (c.unit) labels.push(`${c.name}(${c.unit})`, `${c.zh}(${c.unit})`, `${c.en}(${c.unit})`);
  for (const l of labels) if (!headerMap.has(headerKey(l))) headerMap.set(headerKey(l), c.name);
}
/** The base column a header cell names (case, spaces and full-width forms ignored), if any. */
export function columnFor(header: Cell): string | undefined {
  return typeof header === 'string' || typeof header === 'number' ? headerMap.get(headerKey(String(header))) : undefined;
}

// ---- cells ----
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
/** Text as data: tabs/newlines become spaces, control and bidi-override characters are removed. */
export const cleanText = (s: string) =>
  s
    .replace(/[\t\r\n]+/g, ' ')
    .replace(CONTROL, '')
    .trim();
const show = (v: Cell) => JSON.stringify(cleanText(String(v)).slice(0, 40));
const isBlank = (v: Cell) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

const NUM = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const PLAIN = /^-?\d{1,15}(?:\.\d{1,15})?$/;
const THOUSANDS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
/** A number from a cell: null when empty, undefined when not a number. Accepts "1,234" and full-width digits. */
export function parseNumber(v: Cell): number | null | undefined {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  if (PLAIN.test(v)) return Number(v); // fast path: most cells
  let s = v.normalize('NFKC').trim();
  if (s === '') return null;
  if (THOUSANDS.test(s)) s = s.replace(/,/g, '');
  return NUM.test(s) ? Number(s) : undefined;
}

const FLAG: Record<string, number> = { 是: 1, 否: 0, 有: 1, 无: 0, yes: 1, no: 0, y: 1, n: 0, true: 1, false: 0 };
const URBAN: Record<string, number> = {
  ...FLAG,
  城市: 1,
  城镇: 1,
  社区: 1,
  居委会: 1,
  社区居委会: 1,
  urban: 1,
  农村: 0,
  乡村: 0,
  村: 0,
  村委会: 0,
  rural: 0
};
const BAD = Symbol('bad');
let why = '';
const bad = (msg: string): typeof BAD => {
  why = msg;
  return BAD;
};
type Parse = (v: Cell) => Value | typeof BAD;

/** Code: 12 digits; Excel numbers (110101001001, "110101001001.0", "1.10101001001E+11" with all 12 digits) are converted exactly. */
function parseCode(col: BaseColumn): Parse {
  const pattern = new RegExp(col.pattern ?? '^[0-9]{12}$');
  return (v) => {
    if (isBlank(v)) return null;
    let s: string;
    if (typeof v === 'number') {
      if (!Number.isInteger(v) || v < 0) return bad(`${show(v)} is not a 12-digit division code`);
      s = String(v);
    } else {
      s = cleanText(String(v)).normalize('NFKC').replace(/^'/, '').replace(/\s+/g, '');
      const sci = /^(\d)\.(\d+)e\+?(\d+)$/i.exec(s);
      if (sci) {
        if (1 + sci[2].length < 12)
          return bad(`${show(v)} lost digits in scientific notation; format the code column as text and export again`);
        s = String(Number(s));
      } else if (/^\d+\.0*$/.test(s)) s = s.replace(/\..*$/, '');
    }
    if (!pattern.test(s))
      return bad(`${show(v)} is not a 12-digit division code${/^\d+$/.test(s) ? ` (${s.length} digits)` : ''}`);
    return s;
  };
}

const parseName = (): Parse => (v) => {
  const s = v === null || v === undefined ? '' : cleanText(String(v));
  if ([...s].length > MAX_NAME_LENGTH) return bad(`name is longer than ${MAX_NAME_LENGTH} characters`);
  return s === '' ? null : s;
};

function parseNumeric(col: BaseColumn): Parse {
  const integer = col.type !== 'REAL';
  const words =
    col.name === 'urban' ? URBAN : col.type === 'TINYINT' && col.range?.[0] === 0 && col.range?.[1] === 1 ? FLAG : null;
  const [lo, hi] = col.range ?? [-Infinity, Infinity];
  return (v) => {
    let n = typeof v === 'boolean' && words ? Number(v) : parseNumber(v);
    if (n === undefined && words && typeof v === 'string') n = words[v.normalize('NFKC').trim().toLowerCase()];
    if (n === null) return null;
    if (n === undefined)
      return bad(`${show(v)} is not a number${words ? ` (use ${col.name === 'urban' ? '1/0, 城市/农村' : '1/0, 是/否'})` : ''}`);
    if (integer && !Number.isInteger(n)) return bad(`${show(v)} is not a whole number`);
    if (n < lo || n > hi) return bad(`${show(v)} is outside the range ${lo}–${hi}`);
    return n;
  };
}

const parserFor = (c: BaseColumn): Parse =>
  c.name === 'code' ? parseCode(c) : c.type === 'VARCHAR' ? parseName() : parseNumeric(c);

export { compileRule, type CompiledRule } from './rule';

export const formatRowProblem = (row: number, column: string, message: string) => `row ${row}, column ${column}: ${message}`;

/** Streaming validator: push every record of the sheet (header and title rows included), then end(). */
export class Validator {
  private parsers = allColumns.map(parserFor);
  private rules: { rule: CrossRule; compiled: CompiledRule }[];
  private iYear = COLUMN_INDEX.get('year')!;
  private iCode = COLUMN_INDEX.get('code')!;
  private fileIdx: number[] = [];
  private headerWidth = 0;
  private headerRow: number | null = null;
  private pending: [Cell[], number][] = []; // non-blank records before the header is found
  private seen: SeenKeys; // "code|year" → where it first appeared
  private fileNo: number;
  private units = new Set<string>();
  private years = new Set<number>();
  private rows: Value[][] = [];
  private problems: string[] = [];
  private warnings: string[] = [];
  private rowCount = 0;
  private problemCount = 0;

  constructor(private opts: ValidateOptions = {}) {
    this.rules = crossRules.map((rule) => ({ rule, compiled: compileRule(rule.check, COLUMN_INDEX) }));
    this.seen = opts.seen ?? { keys: new Map(), files: [] };
    this.fileNo = this.seen.files.push(opts.file ?? '') - 1;
  }

  private problem(text: string, column = 'file') {
    this.opts.onProblem?.(column, text);
    if (this.problems.length < (this.opts.maxProblems ?? 200)) this.problems.push(text);
    this.problemCount++;
  }

  push(cells: Cell[], n: number): void {
    if (this.headerRow !== null) return this.row(cells, n);
    if (cells.every(isBlank)) return;
    this.pending.push([cells, n]);
    if (cells.filter((c) => columnFor(c)).length >= 2) this.chooseHeader(this.pending.length - 1);
    else if (this.pending.length >= HEADER_SEARCH) this.chooseHeader(0);
  }

  private chooseHeader(at: number) {
    const [header, n] = this.pending[at];
    if (at > 0)
      this.warnings.push(
        `file: ${at === 1 ? `row ${this.pending[0][1]}` : `rows ${this.pending[0][1]}–${this.pending[at - 1][1]}`} above the header (row ${n}) skipped as title rows`
      );
    this.setHeader(header, n);
    const rest = this.pending.slice(at + 1);
    this.pending = [];
    rest.forEach(([cells, m]) => this.row(cells, m));
  }

  private setHeader(header: Cell[], n: number) {
    this.headerRow = n;
    this.headerWidth = header.length;
    this.fileIdx = allColumns.map(() => -1);
    header.forEach((h, i) => {
      if (isBlank(h)) return;
      const name = columnFor(h);
      if (!name) return void this.warnings.push(`column ${cleanText(String(h)).slice(0, 40)}: unknown column, ignored`);
      const j = COLUMN_INDEX.get(name)!;
      if (this.fileIdx[j] >= 0)
        this.problem(`column ${name}: appears more than once (columns ${this.fileIdx[j] + 1} and ${i + 1} of the header)`, name);
      else this.fileIdx[j] = i;
    });
    allColumns.forEach((c, j) => {
      if (this.fileIdx[j] >= 0 || !c.required) return;
      if (c.name === 'year' && this.opts.year !== undefined) return;
      this.problem(
        `column ${c.name}: missing required column (${c.zh})${c.name === 'year' ? '; add it or pass --year YYYY' : ''}`,
        c.name
      );
    });
  }

  private row(cells: Cell[], n: number) {
    if (cells.every(isBlank)) return;
    let ok = true;
    const fail = (column: string, message: string) => {
      ok = false;
      this.problem(formatRowProblem(n, column, message), column);
    };
    for (let i = this.headerWidth; i < cells.length; i++) {
      if (!isBlank(cells[i]))
        fail(`#${i + 1}`, `value ${show(cells[i])} in a column without header (an unquoted comma in a name?)`);
    }
    const values: Value[] = new Array(allColumns.length);
    for (let j = 0; j < allColumns.length; j++) {
      const c = allColumns[j];
      const idx = this.fileIdx[j];
      let v = idx >= 0 ? this.parsers[j](cells[idx]) : null;
      if (v === BAD) {
        fail(c.name, why);
        values[j] = null;
        continue;
      }
      if (j === this.iYear && this.opts.year !== undefined) {
        if (v === null) v = this.opts.year;
        else if (v !== this.opts.year) fail(c.name, `${v} differs from --year ${this.opts.year}`);
      } else if (v === null && c.required && idx >= 0) fail(c.name, 'required value is empty');
      values[j] = v;
    }
    const code = values[this.iCode] as string | null,
      year = values[this.iYear] as number | null;
    const key = code !== null && year !== null ? `${code}|${year}` : null,
      first = key ? this.seen.keys.get(key) : undefined;
    if (first !== undefined) {
      const [f, row] = [Math.floor(first / 2 ** 32), first % 2 ** 32];
      const where = f === this.fileNo ? `row ${row}` : `${this.seen.files[f]} row ${row}`;
      fail('code', `duplicate of ${where} (code ${code}, year ${year})`);
    } else if (key) this.seen.keys.set(key, this.fileNo * 2 ** 32 + n);
    for (const { rule, compiled } of this.rules) {
      if (compiled.test(values) !== false) continue;
      const shown = compiled.columns.map((c) => `${c} = ${values[compiled.index[c]]}`).join(', ');
      fail(compiled.columns[0], `fails check "${rule.check}" (${shown}): ${rule.en} / ${rule.zh}`);
    }
    if (!ok) return;
    this.rowCount++;
    this.units.add(code!);
    this.years.add(year!);
    if (this.opts.onRow) this.opts.onRow(values, n);
    else this.rows.push(values);
  }

  /** complete = false when reading stopped early (a file error): no "empty file" problems then. */
  end(complete = true): ValidateResult {
    if (this.headerRow === null && this.pending.length) this.chooseHeader(0);
    if (complete && this.headerRow === null) this.problem('file: no header row (the file is empty)');
    else if (complete && this.rowCount === 0 && this.problemCount === 0) this.problem('file: no data rows below the header');
    return {
      columns: allColumns.map((c) => c.name),
      rows: this.rows,
      rowCount: this.rowCount,
      units: this.units.size,
      years: [...this.years].sort((a, b) => a - b),
      headerRow: this.headerRow,
      problems: this.problems,
      problemCount: this.problemCount,
      warnings: this.warnings
    };
  }
}

/** Validates a whole table in memory: records[0] is spreadsheet row 1. */
export function validate(records: Cell[][], opts: ValidateOptions = {}): ValidateResult {
  const v = new Validator(opts);
  records.forEach((r, i) => v.push(r, i + 1));
  return v.end();
}
