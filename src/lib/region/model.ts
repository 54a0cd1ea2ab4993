// Pure view model of the region page (/region/?c=CODE): what a code names, the peer sets of a place
// and where it stands among each, and survey figures with their margin of error. No DOM, no DuckDB.
import type { Indicator } from '$lib/indicators/catalogue';
import { SMALL_SAMPLE } from '$lib/indicators/status';
import { levelOf } from '$lib/maps/geo';
import { NATION } from '$lib/data/regions';
import { yieldToMain } from '$lib/schedule';
import {
  nearestPeers,
  position,
  strengthsAndAreas,
  versus,
  type Context,
  type Peer,
  type Position,
  type Standing
} from './peers';

/** Levels of the region page: the six-digit regions, a street or town (9 digits), a community or village (12). */
export type PlaceLevel = 'nation' | 'province' | 'city' | 'district' | 'street' | 'unit';

export interface PlaceCode {
  code: string;
  level: PlaceLevel;
}

/** What a `c` parameter names, by its shape alone; null when it is no code at all (existence is checked later). */
export function parsePlaceCode(raw: string | null | undefined): PlaceCode | null {
  const c = (raw ?? '').trim();
  if (/^\d{6}$/.test(c)) {
    const l = levelOf(c);
    return l === 'street' || l === 'community' ? null : { code: c, level: l };
  }
  if (/^\d{9}$/.test(c)) return { code: c, level: 'street' };
  if (/^\d{12}$/.test(c)) return c.endsWith('000') ? { code: c.slice(0, 9), level: 'street' } : { code: c, level: 'unit' };
  return null;
}

/** The six-digit region a street or unit lies in (its district, or a city without districts). */
export const districtOfPlace = (p: PlaceCode): string =>
  p.level === 'street' || p.level === 'unit' ? p.code.slice(0, 6) : p.code;

/** Two-digit province of a place below the nation (whose unit partition the page loads), else null. */
export const provinceOfPlace = (p: PlaceCode): string | null => (p.code === NATION ? null : p.code.slice(0, 2));

/** Kind within a level that "same level and type" compares: community/village, 街道/乡镇, 区/县, or the level. */
export function kindOf(level: PlaceLevel, name: string, urban?: boolean): string {
  if (level === 'unit') return urban ? 'community' : 'village';
  if (level === 'street') return name.endsWith('街道') ? 'subdistrict' : 'town';
  if (level === 'district') return name.endsWith('区') ? 'district' : 'county';
  return level;
}

// ------------------------------------------------------------------ survey figures

/** Is this indicator a survey score (a sample size and a margin of error)? */
export const isSurvey = (ind: Pick<Indicator, 'id'>): boolean => ind.id === 'satisfaction_score' || ind.id.startsWith('sat_');

/** Half-width of a 95 % interval of a survey mean from a pooled within-unit sd and n households. */
export function margin95(sd: number | null | undefined, n: number | null | undefined): number | null {
  if (sd == null || n == null || !(n > 1) || !(sd >= 0)) return null;
  return (1.96 * sd) / Math.sqrt(n);
}

/** Upper bound of the margin when only n is known: a 0–100 score has sd ≤ 50. */
export const marginBound = (n: number | null | undefined): number | null => (n && n > 1 ? (1.96 * 50) / Math.sqrt(n) : null);

/** A survey figure: n, its interval and whether fewer than SMALL_SAMPLE.households answered. */
export interface Survey {
  n: number | null;
  margin: number | null;
  /** The margin is an upper bound (sd unknown), not an estimate. */
  bound: boolean;
  small: boolean;
}

export function surveyOf(n: number | null | undefined, sd: number | null | undefined): Survey {
  const m = margin95(sd, n);
  const nn = n ?? null;
  return {
    n: nn,
    margin: m ?? marginBound(nn),
    bound: m === null && nn !== null,
    small: nn !== null && nn < SMALL_SAMPLE.households
  };
}

// ------------------------------------------------------------------ peers

/** One region or unit as a candidate peer: structure (for distance) and its indicator values. */
export interface PeerCandidate {
  code: string;
  /** Chinese name (a street's or unit's; regions are named from the region tree). */
  name: string;
  /** The region it lies in directly (a unit's street, a street's district, a district's city…). */
  parent: string;
  /** The parent's Chinese name when the region tree does not hold it (a unit's street). */
  parentName?: string;
  kind: string;
  context: Context;
  values: Record<string, number | null>;
  survey: Survey | null;
}

export type PeerSetId = 'parent' | 'kind' | 'nearest';
export const PEER_SETS: PeerSetId[] = ['parent', 'kind', 'nearest'];

export interface PeerSet {
  id: PeerSetId;
  peers: PeerCandidate[];
  /** Distance in standardised context (nearest neighbours only). */
  distance: Map<string, number>;
}

/** The three peer sets of `self` among `all` (same level; `self` included in `all`), never containing itself. */
export function peerSets(self: PeerCandidate, all: PeerCandidate[], k = 15): PeerSet[] {
  const near = nearestPeers(
    self.code,
    all.map((c) => c.context),
    k
  );
  return assembleSets(self, all, near);
}

/** The same sets, the distances and the assembling each in a task of its own (a province's units are many). */
export async function peerSetsInTurns(self: PeerCandidate, all: PeerCandidate[], k = 15): Promise<PeerSet[]> {
  await yieldToMain();
  const near = nearestPeers(
    self.code,
    all.map((c) => c.context),
    k
  );
  await yieldToMain();
  return assembleSets(self, all, near);
}

function assembleSets(self: PeerCandidate, all: PeerCandidate[], near: Peer[]): PeerSet[] {
  const others = all.filter((c) => c.code !== self.code);
  const byCode = new Map(all.map((c) => [c.code, c]));
  return [
    { id: 'parent', peers: others.filter((c) => c.parent === self.parent), distance: new Map() },
    { id: 'kind', peers: others.filter((c) => c.kind === self.kind), distance: new Map() },
    { id: 'nearest', peers: near.map((p) => byCode.get(p.code)!), distance: new Map(near.map((p) => [p.code, p.distance])) }
  ];
}

/** Where a place stands on one indicator among a peer set. */
export interface IndicatorStanding {
  id: string;
  value: number | null;
  median: number | null;
  /** Null when there is nothing to compare, or its own survey rests on too few households. */
  position: Position | null;
  /** Survey figures: above / below the peers' median only when the interval excludes it. */
  verdict: 'above' | 'below' | 'same' | null;
  /** Its own survey figure rests on fewer than SMALL_SAMPLE.households households. */
  small: boolean;
}

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** Peers' values of one indicator; for survey scores only those resting on enough households. */
function peerValues(ind: Indicator, peers: PeerCandidate[]): number[] {
  const ok = (p: PeerCandidate) => !isSurvey(ind) || !p.survey?.small;
  return peers
    .filter(ok)
    .map((p) => p.values[ind.id])
    .filter(finite);
}

/** The standing of `self` on every indicator among `peers`. */
export function standings(self: PeerCandidate, peers: PeerCandidate[], inds: Indicator[]): IndicatorStanding[] {
  return inds.map((ind) => {
    const v = self.values[ind.id];
    const xs = peerValues(ind, peers);
    const survey = isSurvey(ind);
    const small = survey && !!self.survey?.small;
    const med = median(xs);
    const value = finite(v) ? v : null;
    return {
      id: ind.id,
      value,
      median: med,
      position: value === null || small ? null : position(value, xs, ind.direction),
      // Survey scores are "higher is better": above the median is the better side.
      verdict: survey && value !== null && med !== null ? versus(value, self.survey?.margin ?? null, med) : null,
      small
    };
  });
}

/**
 * Strengths and areas to improve among a peer set: the indicators furthest above and below the peers
 * in standardised terms. A survey score counts only when its own sample is large enough and its
 * interval excludes the peers' median (an indistinguishable score is neither), and only peers with
 * enough households enter its mean and sd. `st`: the standings already computed for this set.
 */
export function strengthsAmong(
  self: PeerCandidate,
  peers: PeerCandidate[],
  inds: Indicator[],
  n = 3,
  st: IndicatorStanding[] = standings(self, peers, inds)
): { strengths: Standing[]; areas: Standing[] } {
  const byId = new Map(st.map((s) => [s.id, s]));
  const plain = inds.filter((i) => !isSurvey(i));
  const survey = inds.filter((i) => isSurvey(i) && !byId.get(i.id)?.small && byId.get(i.id)?.verdict !== 'same');
  // Peers' own value records, not copies: a province's thousands of units are compared on every switch.
  const a = strengthsAndAreas(
    self.values,
    peers.map((p) => p.values),
    plain,
    inds.length
  );
  const b = strengthsAndAreas(
    self.values,
    peers.filter((p) => !p.survey?.small).map((p) => p.values),
    survey,
    inds.length
  );
  const order = (x: Standing, y: Standing) => y.z - x.z || x.id.localeCompare(y.id);
  const strengths = [...a.strengths, ...b.strengths].sort(order).slice(0, n);
  const areas = [...a.areas, ...b.areas].sort((x, y) => order(y, x)).slice(0, n);
  return { strengths, areas };
}
