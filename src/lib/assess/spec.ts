/**
 * Parse and validate a spec object (JSON as in DESIGN.md "Command-line contracts") into a
 * `Spec` with every default filled in. Every problem throws an `AssessError` whose message
 * names the field path, e.g. `indicators[2].normalise.high: must be a number greater than low`.
 * Unknown fields are refused (a misspelt "normalize" must not be silently ignored), except
 * documentary ones: name, description, label, note(s), source(s), comment, title, optionally
 * suffixed _zh/_en (e.g. name_zh), and `id`/`version` at the top level (kept in `meta`).
 * Parsing is idempotent: a parsed Spec (even structured-cloned into a worker) parses again
 * to the same Spec.
 */
import { AssessError } from './errors';
import type { AggMethod, Direction, GroupSpec, IndicatorSpec, NormAlternative, NormaliseSpec, Spec } from './types';
import { AGG_METHODS, NORM_METHODS } from './types';

type Obj = Record<string, unknown>;
const DOC_KEY = /^(name|description|label|notes?|sources?|comment|\$comment|title)(_[a-z]{2})?$/;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (path: string, msg: string): never => {
  throw new AssessError(path, msg);
};
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function obj(v: unknown, path: string): Obj {
  return isObj(v) ? v : fail(path, 'must be an object');
}

/** Refuse unknown keys; collect documentary ones. */
function checkKeys(o: Obj, allowed: string[], path: string, extra: string[] = []): Obj {
  const doc: Obj = {};
  for (const k of Object.keys(o)) {
    if (allowed.includes(k)) continue;
    if (DOC_KEY.test(k) || extra.includes(k)) {
      doc[k] = o[k];
      continue;
    }
    const hint = k === 'normalize' ? ' (did you mean "normalise"?)' : '';
    fail(path ? `${path}.${k}` : k, `unknown field${hint}; allowed: ${allowed.join(', ')}`);
  }
  return doc;
}

function str(v: unknown, path: string): string {
  return typeof v === 'string' && v.trim() !== '' ? v : fail(path, 'must be a non-empty string');
}

function optNum(o: Obj, key: string, path: string, def: number): number {
  if (o[key] === undefined) return def;
  return isNum(o[key]) ? (o[key] as number) : fail(`${path}.${key}`, 'must be a number');
}

function reqNum(o: Obj, key: string, path: string): number {
  return isNum(o[key]) ? (o[key] as number) : fail(`${path}.${key}`, 'must be a number');
}

function optBool(o: Obj, key: string, path: string, def: boolean): boolean {
  if (o[key] === undefined) return def;
  return typeof o[key] === 'boolean' ? (o[key] as boolean) : fail(`${path}.${key}`, 'must be true or false');
}

function aggMethod(v: unknown, path: string): AggMethod {
  return AGG_METHODS.includes(v as AggMethod) ? (v as AggMethod) : fail(path, `must be one of ${AGG_METHODS.join(' | ')}`);
}

/** Validate one normalise object; direction is needed for the target method. */
export function parseNormalise(v: unknown, path: string, direction: Direction): NormaliseSpec {
  const o = obj(v, path);
  const method = o.method;
  if (!NORM_METHODS.includes(method as never)) fail(`${path}.method`, `must be one of ${NORM_METHODS.join(' | ')}`);
  switch (method) {
    case 'minmax': {
      checkKeys(o, ['method', 'l', 'u'], path);
      const l = optNum(o, 'l', path, 0),
        u = optNum(o, 'u', path, 100);
      if (!(u > l)) fail(`${path}.u`, 'must be a number greater than l');
      return { method, l, u };
    }
    case 'zscore': {
      checkKeys(o, ['method', 'm', 's'], path);
      const m = optNum(o, 'm', path, 0),
        s = optNum(o, 's', path, 1);
      if (!(s > 0)) fail(`${path}.s`, 'must be a number greater than 0');
      return { method, m, s };
    }
    case 'goalposts': {
      checkKeys(o, ['method', 'low', 'high', 'log'], path);
      const low = reqNum(o, 'low', path);
      const high = isNum(o.high) && o.high > low ? o.high : fail(`${path}.high`, 'must be a number greater than low');
      const log = optBool(o, 'log', path, false);
      if (log && !(low > 0)) fail(`${path}.low`, 'must be greater than 0 when log is true');
      return { method, low, high, log };
    }
    case 'target': {
      checkKeys(o, ['method', 'lower', 'target', 'log'], path);
      const lower = reqNum(o, 'lower', path),
        target = reqNum(o, 'target', path);
      if (direction === 1 && !(target > lower))
        fail(`${path}.target`, 'must be greater than lower (the value scoring 0) when direction is 1');
      if (direction === -1 && !(target < lower))
        fail(`${path}.target`, 'must be less than lower (the value scoring 0) when direction is -1 (lower is better)');
      const log = optBool(o, 'log', path, false);
      if (log && !(lower > 0 && target > 0)) fail(`${path}.lower`, 'lower and target must be greater than 0 when log is true');
      return { method, lower, target, log };
    }
    default:
      checkKeys(o, ['method'], path);
      return { method: 'prank' };
  }
}

function parseIndicator(v: unknown, i: number, defNorm: unknown): IndicatorSpec {
  const path = `indicators[${i}]`;
  const o = obj(v, path);
  const doc = checkKeys(o, ['id', 'column', 'direction', 'weight', 'normalise', 'outliers'], path, ['unit']);
  const id = str(o.id, `${path}.id`);
  const column = o.column === undefined ? id : str(o.column, `${path}.column`);
  const d = o.direction === undefined ? 1 : o.direction;
  if (d !== 1 && d !== -1) fail(`${path}.direction`, 'must be 1 (higher is better) or -1 (lower is better)');
  const direction = d as Direction;
  const weight = optNum(o, 'weight', path, 1);
  if (weight < 0) fail(`${path}.weight`, 'must be a number ≥ 0');
  const nv = o.normalise ?? defNorm ?? { method: 'minmax' };
  const normalise = parseNormalise(
    nv,
    o.normalise === undefined && defNorm !== undefined ? 'normalise' : `${path}.normalise`,
    direction
  );
  const outliers = optBool(o, 'outliers', path, true);
  const out: IndicatorSpec = { id, column, direction, weight, normalise, outliers };
  if (typeof doc.name_zh === 'string') out.name_zh = doc.name_zh;
  if (typeof doc.name_en === 'string') out.name_en = doc.name_en;
  return out;
}

function parseGroup(v: unknown, i: number): GroupSpec {
  const path = `groups[${i}]`;
  const o = obj(v, path);
  const doc = checkKeys(o, ['id', 'members', 'weight', 'aggregate'], path);
  const id = str(o.id, `${path}.id`);
  if (!Array.isArray(o.members) || o.members.length === 0)
    fail(`${path}.members`, 'must be a non-empty array of indicator or group ids');
  const members = (o.members as unknown[]).map((m, k) => str(m, `${path}.members[${k}]`));
  const weight = optNum(o, 'weight', path, 1);
  if (weight < 0) fail(`${path}.weight`, 'must be a number ≥ 0');
  const aggregate = o.aggregate === undefined || o.aggregate === null ? null : aggMethod(o.aggregate, `${path}.aggregate`);
  const g: GroupSpec = { id, members, weight, aggregate };
  if (typeof doc.name_zh === 'string') g.name_zh = doc.name_zh;
  if (typeof doc.name_en === 'string') g.name_en = doc.name_en;
  return g;
}

/** Check the indicator → group → index tree: every node has exactly one parent, no cycles. */
function checkTree(indicators: IndicatorSpec[], groups: GroupSpec[]): void {
  const indIdx = new Map(indicators.map((d, i) => [d.id, i]));
  const grpIdx = new Map<string, number>();
  groups.forEach((g, i) => {
    if (indIdx.has(g.id)) fail(`groups[${i}].id`, `"${g.id}" is also an indicator id`);
    if (grpIdx.has(g.id)) fail(`groups[${i}].id`, `duplicate group id "${g.id}"`);
    grpIdx.set(g.id, i);
  });
  const parent = new Map<string, number>();
  groups.forEach((g, i) => {
    let nInd = 0,
      nGrp = 0,
      sumW = 0;
    g.members.forEach((m, k) => {
      const p = `groups[${i}].members[${k}]`;
      if (indIdx.has(m)) {
        nInd++;
        sumW += indicators[indIdx.get(m)!].weight;
      } else if (grpIdx.has(m)) {
        nGrp++;
        sumW += groups[grpIdx.get(m)!].weight;
      } else fail(p, `"${m}" is not an indicator or group id`);
      if (m === g.id) fail(p, `group "${m}" cannot contain itself`);
      if (parent.has(m)) fail(p, `"${m}" is already a member of groups[${parent.get(m)}]`);
      parent.set(m, i);
    });
    if (nInd > 0 && nGrp > 0) fail(`groups[${i}].members`, 'must be all indicators or all groups, not a mix');
    if (!(sumW > 0)) fail(`groups[${i}].members`, 'member weights sum to 0');
  });
  indicators.forEach((d, i) => {
    if (!parent.has(d.id)) fail(`indicators[${i}].id`, `"${d.id}" is not a member of any group`);
  });
  // cycles: walk up from every group; a path longer than the group count loops
  groups.forEach((g, i) => {
    let cur: string | undefined = g.id,
      steps = 0;
    while (cur !== undefined && parent.has(cur)) {
      cur = groups[parent.get(cur)!].id;
      if (++steps > groups.length) fail(`groups[${i}].members`, `cycle through group "${g.id}"`);
    }
  });
  const top = groups.filter((g) => !parent.has(g.id));
  if (!(top.reduce((s, g) => s + g.weight, 0) > 0)) fail('groups', 'top-level group weights sum to 0');
}

/** Parse a spec object (e.g. `JSON.parse` of a spec file). Throws AssessError. */
export function parseSpec(input: unknown): Spec {
  const o = obj(input, 'spec');
  const meta = checkKeys(
    o,
    [
      'unit',
      'indicators',
      'groups',
      'aggregate',
      'screening',
      'impute',
      'outliers',
      'uncertainty',
      'rank_within',
      'normalise',
      'meta'
    ],
    '',
    ['id', 'version']
  );
  // `meta` holds the documentary fields of an already parsed spec: parsing is idempotent
  if (o.meta !== undefined) Object.assign(meta, obj(o.meta, 'meta'));
  const unit = str(o.unit, 'unit');
  if (o.normalise !== undefined) parseNormalise(o.normalise, 'normalise', 1);
  if (!Array.isArray(o.indicators) || o.indicators.length === 0) fail('indicators', 'must be a non-empty array');
  const indicators = (o.indicators as unknown[]).map((v, i) => parseIndicator(v, i, o.normalise));
  const seen = new Map<string, number>();
  indicators.forEach((d, i) => {
    if (seen.has(d.id)) fail(`indicators[${i}].id`, `duplicate indicator id "${d.id}" (also indicators[${seen.get(d.id)}])`);
    seen.set(d.id, i);
  });
  if (!(indicators.reduce((s, d) => s + d.weight, 0) > 0)) fail('indicators', 'weights sum to 0');
  let groups: GroupSpec[] = [];
  if (o.groups !== undefined) {
    if (!Array.isArray(o.groups)) fail('groups', 'must be an array');
    groups = (o.groups as unknown[]).map(parseGroup);
    if (groups.length > 0) checkTree(indicators, groups);
  }

  let aggregate: Spec['aggregate'] = { indicators: 'arithmetic', groups: 'arithmetic', floor: null };
  if (typeof o.aggregate === 'string') {
    const a = aggMethod(o.aggregate, 'aggregate');
    aggregate = { indicators: a, groups: a, floor: null };
  } else if (o.aggregate !== undefined) {
    const a = obj(o.aggregate, 'aggregate');
    checkKeys(a, ['indicators', 'groups', 'floor'], 'aggregate');
    aggregate = {
      indicators: a.indicators === undefined ? 'arithmetic' : aggMethod(a.indicators, 'aggregate.indicators'),
      groups: a.groups === undefined ? 'arithmetic' : aggMethod(a.groups, 'aggregate.groups'),
      floor:
        a.floor === undefined || a.floor === null
          ? null
          : isNum(a.floor) && a.floor > 0
            ? a.floor
            : fail('aggregate.floor', 'must be a number greater than 0')
    };
  }

  const screening = { threshold: 0.65 };
  if (o.screening !== undefined) {
    const s = obj(o.screening, 'screening');
    checkKeys(s, ['threshold'], 'screening');
    screening.threshold = optNum(s, 'threshold', 'screening', 0.65);
    if (screening.threshold < 0 || screening.threshold > 1) fail('screening.threshold', 'must be a number between 0 and 1');
  }

  const impute: Spec['impute'] = { method: 'none', by: null };
  if (o.impute !== undefined) {
    const s = typeof o.impute === 'string' ? { method: o.impute } : obj(o.impute, 'impute');
    checkKeys(s, ['method', 'by'], 'impute');
    if (!['none', 'mean', 'median'].includes(s.method as string)) fail('impute.method', 'must be one of none | mean | median');
    impute.method = s.method as Spec['impute']['method'];
    impute.by = s.by === undefined || s.by === null ? null : str(s.by, 'impute.by');
  }

  const outliers = { treat: false, skew: 2, kurt: 3.5, winsor_max: 5 };
  if (typeof o.outliers === 'boolean') outliers.treat = o.outliers;
  else if (o.outliers !== undefined) {
    const s = obj(o.outliers, 'outliers');
    checkKeys(s, ['treat', 'skew', 'kurt', 'winsor_max'], 'outliers');
    outliers.treat = optBool(s, 'treat', 'outliers', true);
    outliers.skew = optNum(s, 'skew', 'outliers', 2);
    outliers.kurt = optNum(s, 'kurt', 'outliers', 3.5);
    outliers.winsor_max = optNum(s, 'winsor_max', 'outliers', 5);
    if (!Number.isInteger(outliers.winsor_max) || outliers.winsor_max < 0) fail('outliers.winsor_max', 'must be an integer ≥ 0');
  }

  const uncertainty: Spec['uncertainty'] = { runs: 0, seed: 1, weight_noise: 0.25, normalisations: ['spec'], aggregations: [] };
  if (o.uncertainty !== undefined) {
    const u = obj(o.uncertainty, 'uncertainty');
    checkKeys(u, ['runs', 'seed', 'weight_noise', 'normalisations', 'aggregations'], 'uncertainty');
    uncertainty.runs = optNum(u, 'runs', 'uncertainty', 0);
    if (!Number.isInteger(uncertainty.runs) || uncertainty.runs < 0 || uncertainty.runs > 1e6)
      fail('uncertainty.runs', 'must be an integer between 0 and 1000000');
    uncertainty.seed = optNum(u, 'seed', 'uncertainty', 1);
    if (!Number.isInteger(uncertainty.seed)) fail('uncertainty.seed', 'must be an integer');
    uncertainty.weight_noise = optNum(u, 'weight_noise', 'uncertainty', 0.25);
    if (uncertainty.weight_noise < 0 || uncertainty.weight_noise >= 1)
      fail('uncertainty.weight_noise', 'must be a number ≥ 0 and < 1');
    if (u.normalisations !== undefined) {
      const alts: NormAlternative[] = ['spec', 'minmax', 'zscore', 'prank'];
      if (!Array.isArray(u.normalisations) || u.normalisations.length === 0)
        fail('uncertainty.normalisations', 'must be a non-empty array');
      uncertainty.normalisations = (u.normalisations as unknown[]).map((v, k) =>
        alts.includes(v as NormAlternative)
          ? (v as NormAlternative)
          : fail(`uncertainty.normalisations[${k}]`, `must be one of ${alts.join(' | ')}`)
      );
    }
    if (u.aggregations !== undefined) {
      if (!Array.isArray(u.aggregations)) fail('uncertainty.aggregations', 'must be an array ([] = as specified)');
      uncertainty.aggregations = (u.aggregations as unknown[]).map((v, k) => aggMethod(v, `uncertainty.aggregations[${k}]`));
    }
  }
  const rank_within = o.rank_within === undefined || o.rank_within === null ? null : str(o.rank_within, 'rank_within');
  return { unit, indicators, groups, aggregate, screening, impute, outliers, uncertainty, rank_within, meta };
}
