/**
 * A scheme names catalogue indicators; it does not restate them. Before a spec is parsed, each
 * indicator whose id (or column) is in the indicator catalogue takes from it whatever the spec
 * leaves out: its column, direction and names, and for `normalise.method: "target"` the official
 * target (`target`) and the red threshold (`lower`, the value scoring 0). A spec may still give
 * its own `lower` (e.g. 0, "any facility counts"); a direction that contradicts the catalogue is
 * refused, naming the field. Specs over other columns (command-line data) pass through unchanged.
 * Pure: the catalogue is an argument, so the site, the worker, the CLI and the tests share it.
 */
import { AssessError } from './errors';
import type { Direction } from '../types';

/** What the resolution needs of a catalogue indicator (structurally a catalogue `Indicator`). */
export interface CatalogueEntry {
  id: string;
  zh: string;
  en: string;
  direction: Direction;
  target?: { value?: number; byType?: unknown };
  thresholds?: { red: number };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function resolveIndicator(raw: unknown, i: number, byId: Map<string, CatalogueEntry>): unknown {
  if (!isObj(raw)) return raw;
  const column = typeof raw.column === 'string' ? raw.column : raw.id;
  const entry = typeof column === 'string' ? byId.get(column) : undefined;
  if (!entry) return raw;
  const path = `indicators[${i}]`;
  const out: Obj = { ...raw, column };
  if (entry.direction !== 0) {
    if (raw.direction === undefined) out.direction = entry.direction;
    else if (raw.direction !== entry.direction)
      throw new AssessError(
        `${path}.direction`,
        `the catalogue gives ${entry.id} direction ${entry.direction}; a scheme may not reverse it`
      );
  }
  out.name_zh ??= entry.zh;
  out.name_en ??= entry.en;
  const n = raw.normalise;
  if (isObj(n) && n.method === 'target') {
    const norm: Obj = { ...n };
    if (norm.target === undefined) {
      if (entry.target?.value === undefined)
        throw new AssessError(
          `${path}.normalise.target`,
          `${entry.id} has no single target in the catalogue${entry.target?.byType ? ' (it has separate urban and rural targets)' : ''}; give "target"`
        );
      norm.target = entry.target.value;
    }
    if (norm.lower === undefined) {
      if (entry.thresholds?.red === undefined)
        throw new AssessError(`${path}.normalise.lower`, `${entry.id} has no red threshold in the catalogue; give "lower"`);
      norm.lower = entry.thresholds.red;
    }
    out.normalise = norm;
  }
  return out;
}

/** The spec with every catalogue indicator's omitted fields filled from the catalogue. */
export function resolveScheme<T>(spec: T, catalogue: readonly CatalogueEntry[]): T {
  if (!isObj(spec) || !Array.isArray(spec.indicators)) return spec;
  const byId = new Map(catalogue.map((c) => [c.id, c]));
  return { ...spec, indicators: spec.indicators.map((d, i) => resolveIndicator(d, i, byId)) } as T;
}
