/**
 * The data side of the pipeline, run once per (data, spec): read → screen → impute →
 * treat outliers → normalise. The result (`Prepared`) is what the nominal scoring and the
 * Monte Carlo runner share; it holds only typed arrays and plain data, so it can live in
 * a Web Worker.
 */
import { AssessError } from './errors';
import { readRows, type Row } from './data';
import { screen, type Screening } from './screen';
import { impute } from './impute';
import { treatColumn } from './outliers';
import { isDataRelative, normaliseColumn } from './normalise';
import { parseSpec } from './spec';
import { buildPlan, type Plan, INDEX_ID, GEO } from './weights';
import type { NormAlternative, NormaliseSpec, OutlierReport, Spec } from './types';

export interface Prepared {
  spec: Spec;
  plan: Plan;
  n: number;
  m: number;
  units: string[];
  screening: Screening;
  /** Values after imputation and outlier treatment (n × m, NaN missing). */
  values: Float64Array;
  /** n × m flags of imputed cells (all 0 without imputation). */
  imputed: Uint8Array;
  imputedCells: number;
  outliers: OutlierReport[];
  /** Nominal normalised matrix (each indicator's own method), n × m. */
  normalised: Float64Array;
  /** −Infinity when the spec sets no floor. */
  floor: number;
  keys: Record<string, (string | null)[]>;
  warnings: string[];
}

const parsed = new WeakSet<object>();

/** Parse a spec object, or pass through one already returned by this function. */
export function toSpec(input: unknown): Spec {
  if (typeof input === 'object' && input !== null && parsed.has(input)) return input as Spec;
  const spec = parseSpec(input);
  parsed.add(spec);
  return spec;
}

export function prepare(rows: Row[], specInput: unknown): Prepared {
  const spec = toSpec(specInput);
  const data = readRows(rows, spec);
  const { n, m, units, values } = data;
  const warnings: string[] = [];
  const screening = screen(values, n, m, spec.screening.threshold);
  let imputed: Uint8Array = new Uint8Array(n * m),
    imputedCells = 0;
  if (spec.impute.method !== 'none') {
    const r = impute(values, n, m, screening.scored, spec.impute.method, spec.impute.by ? data.keys[spec.impute.by] : null);
    imputed = r.flags;
    imputedCells = r.count;
  }
  const outliers: OutlierReport[] = [];
  if (spec.outliers.treat) {
    spec.indicators.forEach((d, j) => {
      if (!d.outliers || !isDataRelative(d.normalise.method)) return;
      const r = treatColumn(values, n, m, j, screening.scored, spec.outliers);
      if (r) outliers.push({ indicator: d.id, ...r });
    });
  }
  const prep: Prepared = {
    spec,
    plan: buildPlan(spec),
    n,
    m,
    units,
    screening,
    values,
    imputed,
    imputedCells,
    outliers,
    normalised: new Float64Array(0),
    floor: spec.aggregate.floor ?? -Infinity,
    keys: data.keys,
    warnings
  };
  prep.normalised = normaliseMatrix(prep, 'spec');
  spec.indicators.forEach((d, j) => {
    let c = 0,
      min = Infinity,
      max = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = values[i * m + j];
      if (screening.scored[i] && x === x) {
        c++;
        if (x < min) min = x;
        if (x > max) max = x;
      }
    }
    if (c === 0) warnings.push(`indicator "${d.id}" has no value for any scored unit`);
    else if (min === max && isDataRelative(d.normalise.method))
      warnings.push(`indicator "${d.id}" has the same value for every unit: it cannot separate them`);
  });
  return prep;
}

/** Normalised matrix for one Monte Carlo alternative ('spec' = each indicator's own). */
export function normaliseMatrix(prep: Prepared, alt: NormAlternative): Float64Array {
  const { n, m, spec } = prep;
  const out = new Float64Array(n * m);
  spec.indicators.forEach((d, j) => {
    const ns: NormaliseSpec =
      alt === 'spec'
        ? d.normalise
        : alt === 'minmax'
          ? { method: 'minmax', l: 0, u: 100 }
          : alt === 'zscore'
            ? { method: 'zscore', m: 0, s: 1 }
            : { method: 'prank' };
    normaliseColumn(prep.values, n, m, j, prep.screening.scored, ns, d.direction, out, `indicators[${j}]`, prep.units);
  });
  return out;
}

/** Spec path of the aggregation setting used by node k (for error messages). */
function nodePath(prep: Prepared, k: number): string {
  const id = prep.plan.nodeIds[k];
  const gi = prep.spec.groups.findIndex((g) => g.id === id);
  if (gi >= 0 && prep.spec.groups[gi].aggregate) return `groups[${gi}].aggregate`;
  return prep.plan.groupLevel[k] && prep.spec.groups.length > 0 ? 'aggregate.groups' : 'aggregate.indicators';
}

/** Explain a failed geometric/harmonic mean (code from scoreRows) as an AssessError. */
export function aggregationError(
  prep: Prepared,
  mat: Float64Array,
  rows: Int32Array,
  code: number,
  methods: Uint8Array,
  context = '',
  pathOverride?: string
): AssessError {
  const { plan, m } = prep;
  const t = Math.floor(code / plan.nNodes),
    k = code % plan.nNodes;
  const i = rows[t];
  const meth = methods[k] === GEO ? 'geometric' : 'harmonic';
  // find the offending input: an indicator value or a group score ≤ 0
  let what = 'a value ≤ 0';
  for (let e = plan.start[k]; e < plan.end[k]; e++) {
    const c = plan.child[e];
    const x = c < m ? mat[i * m + c] : NaN;
    if (c < m && x === x && x <= 0) {
      const d = prep.spec.indicators[c];
      const hint =
        d.normalise.method === 'minmax'
          ? ` (min-max with l = ${d.normalise.l} maps the lowest unit to ${d.normalise.l})`
          : d.normalise.method === 'zscore'
            ? ' (z-scores are negative below the mean)'
            : d.normalise.method === 'prank'
              ? ' (percentile rank gives the lowest unit 0)'
              : '';
      what = `${x} for indicator "${d.id}"${hint}`;
      break;
    }
    if (c >= m) what = `a score ≤ 0 for group "${plan.nodeIds[c - m]}"`;
  }
  const where = plan.nodeIds[k] === INDEX_ID ? 'the index' : `group "${plan.nodeIds[k]}"`;
  return new AssessError(
    pathOverride ?? nodePath(prep, k),
    `${meth} mean needs values > 0, but unit "${prep.units[i]}" has ${what} in ${where}${context}; ` +
      'use a normalisation without zeros (e.g. minmax l = 1, goalposts, target), the arithmetic mean, or set aggregate.floor (e.g. 0.1)'
  );
}
