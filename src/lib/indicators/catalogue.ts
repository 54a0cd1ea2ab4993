// The indicator catalogue (data/indicators/indicators.json) and base schema
// (data/schema/base-columns.json), typed. One definition, used by the site, the scripts and the tests.
import raw from '../../../data/indicators/indicators.json';
import schemaRaw from '../../../data/schema/base-columns.json';

import type { Direction, Scope } from '../types';
export type { Direction, Scope };

export interface Target {
  value?: number;
  year: number;
  document: string;
  kind: 'official' | 'reference';
  byType?: { urban: number; rural: number };
}

export interface Indicator {
  id: string;
  dimension: string;
  zh: string;
  en: string;
  definition_zh: string;
  definition_en: string;
  formula: { numerator: string; denominator: string; scale: number };
  unit: string;
  unit_en: string;
  direction: Direction;
  scope: Scope;
  decimals: number;
  source: string;
  target?: Target;
  thresholds?: { red: number };
  headline?: boolean;
}

export interface Dimension {
  id: string;
  zh: string;
  en: string;
}

export interface BaseColumn {
  name: string;
  type: 'VARCHAR' | 'SMALLINT' | 'TINYINT' | 'INTEGER' | 'REAL';
  zh: string;
  en: string;
  unit?: string;
  range?: [number, number];
  pattern?: string;
  required?: boolean;
  /** What the column holds, in words (template notes, SQL console schema). */
  def_zh?: string;
  def_en?: string;
}

export interface CrossRule {
  id: string;
  check: string;
  zh: string;
  en: string;
}

export const dimensions: Dimension[] = raw.dimensions;
export const indicators: Indicator[] = raw.indicators as Indicator[];
export const identityColumns: BaseColumn[] = schemaRaw.identity as BaseColumn[];
export const baseColumns: BaseColumn[] = schemaRaw.columns as BaseColumn[];
export const crossRules: CrossRule[] = schemaRaw.rules;

const byId = new Map(indicators.map((i) => [i.id, i]));

export function indicator(id: string): Indicator {
  const ind = byId.get(id);
  if (!ind) throw new Error(`unknown indicator "${id}"`);
  return ind;
}

export function hasIndicator(id: string): boolean {
  return byId.has(id);
}

export function indicatorsOf(dimension: string): Indicator[] {
  return indicators.filter((i) => i.dimension === dimension);
}

/** Headline indicator of each dimension: the one flagged `headline`, else the first with a target, else the first. */
export function headlineOf(dimension: string): Indicator {
  const list = indicatorsOf(dimension);
  return list.find((i) => i.headline) ?? list.find((i) => i.target) ?? list[0];
}

/** Names of the base columns an SQL formula refers to. */
export function columnsOf(expr: string): string[] {
  const words = expr.match(/[a-z_][a-z0-9_]*/gi) ?? [];
  return [...new Set(words)];
}

const knownColumns = new Set([...identityColumns, ...baseColumns].map((c) => c.name));

/** Throws if a formula refers to anything but base columns, numbers and + - * / ( ). */
export function validateFormula(expr: string, where: string): void {
  if (!/^[a-z0-9_ +\-*/().]+$/i.test(expr))
    throw new Error(`${where}: formula "${expr}" has characters outside [a-z0-9_ +-*/().]`);
  for (const c of columnsOf(expr)) {
    if (!knownColumns.has(c)) throw new Error(`${where}: formula "${expr}" refers to unknown column "${c}"`);
  }
}

for (const i of indicators) {
  validateFormula(i.formula.numerator, `${i.id}.formula.numerator`);
  validateFormula(i.formula.denominator, `${i.id}.formula.denominator`);
}
