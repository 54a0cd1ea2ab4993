/**
 * Weights (METHODS step 6): the indicator → group → index tree as flat typed arrays (the
 * "plan" the hot loop walks), and effective weights: each indicator's (and group's)
 * share of the final index. Relative weights are rescaled within each group, so scaling
 * all weights of one group by a constant changes nothing; effective weights sum to 1.
 */
import { AssessError } from './errors';
import type { AggMethod, Spec } from './types';

export const ARITH = 0,
  GEO = 1,
  HARM = 2;
export const aggCode = (a: AggMethod): number => (a === 'arithmetic' ? ARITH : a === 'geometric' ? GEO : HARM);

export interface Plan {
  /** Number of indicators; buffer slot j < m is indicator j, slot m + k is node k. */
  m: number;
  /** Group ids with children before parents; the last node is the index ('index'). */
  nodeIds: string[];
  nNodes: number;
  /** Edges of node k are start[k] .. end[k] − 1. */
  start: Int32Array;
  end: Int32Array;
  /** Buffer slot of each edge's child. */
  child: Int32Array;
  /** Nominal relative weight of each edge. */
  baseWeight: Float64Array;
  /** Nominal aggregation code of each node (ARITH, GEO, HARM). */
  method: Uint8Array;
  /** 1 for nodes whose children are groups (and the index of a one-level spec): the
   *  nodes a Monte Carlo aggregation alternative replaces. */
  groupLevel: Uint8Array;
}

export const INDEX_ID = 'index';

export function buildPlan(spec: Spec): Plan {
  const m = spec.indicators.length;
  const indIdx = new Map(spec.indicators.map((d, j) => [d.id, j]));
  const grpById = new Map(spec.groups.map((g) => [g.id, g]));
  const order: string[] = [];
  const visit = (id: string) => {
    const g = grpById.get(id)!;
    for (const c of g.members) if (grpById.has(c)) visit(c);
    order.push(id);
  };
  const members = new Set(spec.groups.flatMap((g) => g.members));
  const top = spec.groups.filter((g) => !members.has(g.id)).map((g) => g.id);
  for (const id of top) visit(id);
  const nodeIds = [...order, INDEX_ID];
  const nNodes = nodeIds.length;
  const nodeIdx = new Map(nodeIds.map((id, k) => [id, k]));
  const start = new Int32Array(nNodes),
    end = new Int32Array(nNodes);
  const child: number[] = [],
    w: number[] = [];
  const method = new Uint8Array(nNodes),
    groupLevel = new Uint8Array(nNodes);
  nodeIds.forEach((id, k) => {
    start[k] = child.length;
    if (id === INDEX_ID && spec.groups.length === 0) {
      spec.indicators.forEach((d, j) => {
        child.push(j);
        w.push(d.weight);
      });
      method[k] = aggCode(spec.aggregate.indicators);
      groupLevel[k] = 1;
    } else if (id === INDEX_ID) {
      for (const t of top) {
        child.push(m + nodeIdx.get(t)!);
        w.push(grpById.get(t)!.weight);
      }
      method[k] = aggCode(spec.aggregate.groups);
      groupLevel[k] = 1;
    } else {
      const g = grpById.get(id)!;
      const ofGroups = g.members.every((c) => grpById.has(c));
      for (const c of g.members) {
        if (ofGroups) {
          child.push(m + nodeIdx.get(c)!);
          w.push(grpById.get(c)!.weight);
        } else {
          const j = indIdx.get(c)!;
          child.push(j);
          w.push(spec.indicators[j].weight);
        }
      }
      method[k] = aggCode(g.aggregate ?? (ofGroups ? spec.aggregate.groups : spec.aggregate.indicators));
      groupLevel[k] = ofGroups ? 1 : 0;
    }
    end[k] = child.length;
  });
  return { m, nodeIds, nNodes, start, end, child: Int32Array.from(child), baseWeight: Float64Array.from(w), method, groupLevel };
}

/**
 * Effective weight of every buffer slot (indicators then nodes; the index gets 1) for the
 * edge weights `w` (default: nominal). Indicator entries sum to 1.
 */
export function effectiveWeightsOf(plan: Plan, w: Float64Array = plan.baseWeight): Float64Array {
  const eff = new Float64Array(plan.m + plan.nNodes);
  eff[plan.m + plan.nNodes - 1] = 1;
  for (let k = plan.nNodes - 1; k >= 0; k--) {
    let sum = 0;
    for (let e = plan.start[k]; e < plan.end[k]; e++) sum += w[e];
    if (!(sum > 0)) throw new AssessError('weights', `weights of "${plan.nodeIds[k]}" sum to 0`);
    for (let e = plan.start[k]; e < plan.end[k]; e++) eff[plan.child[e]] = (eff[plan.m + k] * w[e]) / sum;
  }
  return eff;
}

/** Effective weights by indicator id and by group id (METHODS: show them; they sum to 1). */
export function effectiveWeights(
  spec: Spec,
  plan: Plan = buildPlan(spec)
): { indicators: Record<string, number>; groups: Record<string, number> } {
  const eff = effectiveWeightsOf(plan);
  const indicators: Record<string, number> = {},
    groups: Record<string, number> = {};
  spec.indicators.forEach((d, j) => {
    indicators[d.id] = eff[j];
  });
  plan.nodeIds.forEach((id, k) => {
    if (id !== INDEX_ID) groups[id] = eff[plan.m + k];
  });
  return { indicators, groups };
}
