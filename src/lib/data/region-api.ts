// Typed questions of the region page. Regions down to the district answer their figures from the
// per-region summaries (no DuckDB); a street or unit, the children below a district and the peers
// of a street or unit come from the province's unit partitions (one file per year, each fetched
// once by the query layer); regions' peers from the district pre-aggregate.
import { indicators } from '$lib/indicators/catalogue';
import { features } from '$lib/region/peers';
import { kindOf, surveyOf, type PeerCandidate, type PlaceCode, type Survey } from '$lib/region/model';
import { childValues, regionSeries } from './api';
import { runQuery, type Row } from './query';
import { inSlices } from '../schedule';
import type { RawQuery } from './region-queries';
import { registerFiles } from './snapshots';
import { aggKey, NATION, type RegionTree } from './regions';
import {
  areaSeriesQuery,
  areaSurveyQuery,
  placeNameQuery,
  regionContextQuery,
  streetRowsQuery,
  unitRowsQuery,
  unitSeriesQuery
} from './region-queries';

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A place the snapshot holds: its code, level and Chinese name (and type for a unit). */
export interface Place extends PlaceCode {
  name: string;
  urban: boolean | null;
  /** A unit's street or town (its Chinese name). */
  street: string | null;
}

let held: Set<string> | null = null;
/** The provinces the snapshot holds (no query names a partition that does not exist). */
export function setHeldProvinces(list: string[] | undefined): void {
  held = list ? new Set(list) : null;
}
const holds = (code: string) => code === NATION || !held || held.has(code.slice(0, 2));
/** Does the snapshot hold the province of this code (so its partitions may be asked for)? */
export const holdsProvinceOf = (code: string): boolean => holds(code);

/** Run a query over unit partitions read in place: their files are registered (fetched once) first. */
async function runRaw(q: RawQuery, signal?: AbortSignal): Promise<Row[]> {
  await registerFiles(q.raw);
  return runQuery(q, signal);
}

/** The place a code names, or null when the snapshot does not hold it. */
export async function placeOf(p: PlaceCode, tree: RegionTree, signal?: AbortSignal): Promise<Place | null> {
  if (!holds(p.code)) return null;
  if (p.level !== 'street' && p.level !== 'unit') {
    const r = tree.byCode.get(p.code);
    return r ? { ...p, name: r.name, urban: null, street: null } : null;
  }
  if (!tree.byCode.has(p.code.slice(0, 6))) return null;
  const [row] = await runQuery(placeNameQuery(p.code), signal);
  if (!row) return null;
  const urban = row.urban === null ? null : Number(row.urban) === 1;
  return { ...p, name: String(row.name), urban, street: row.street === null ? null : String(row.street) };
}

/** One row per year of a place: every indicator, units and urban units (KPI cards, trends). */
export async function placeSeries(p: PlaceCode, years: number[], signal?: AbortSignal): Promise<Row[]> {
  if (p.level !== 'unit' && p.level !== 'street') return regionSeries(p.code, 'all');
  return runRaw(p.level === 'unit' ? unitSeriesQuery(p.code, years) : areaSeriesQuery(p.code, years), signal);
}

/** Households surveyed in a year and the 95 % margin of the overall satisfaction score. */
export async function placeSurvey(p: PlaceCode, year: number, series: Row[], signal?: AbortSignal): Promise<Survey> {
  if (p.level === 'street' || p.level === 'unit') {
    const r = series.find((s) => Number(s.year) === year);
    return surveyOf(num(r?.survey_n), num(r?.sat_overall_sd));
  }
  if (p.code === NATION) {
    // The nation's within-unit sd would need every partition: its margin is bounded by sd ≤ 50.
    const [r] = await runQuery(regionContextQuery('nation', year), signal);
    return surveyOf(num(r?.survey_n), null);
  }
  const [r] = await runRaw(areaSurveyQuery(aggKey(p.code)!.val, year), signal);
  return surveyOf(num(r?.survey_n), num(r?.sat_overall_sd));
}

const IDS = indicators.map((i) => i.id);
/** A row's indicator values: the row itself, non-numbers made null in place (a province's tens of
 *  thousands of rows are not copied: the copies were most of the page's garbage collection). */
function valuesOf(r: Row): Record<string, number | null> {
  for (const id of IDS) r[id] = num(r[id]);
  return r as Record<string, number | null>;
}
const contextOf = (r: Row, extra?: number[]) => ({
  code: String(r.code),
  residents: num(r.residents) ?? 0,
  households: num(r.households) ?? 0,
  units: num(r.units) ?? 0,
  urbanUnits: num(r.urban_units) ?? 0,
  extra
});

/** Regions of a six-digit level as peer candidates (the whole country). */
async function regionCandidates(level: 'province' | 'city' | 'district', year: number, tree: RegionTree, signal?: AbortSignal) {
  const rows = await runQuery(regionContextQuery(level, year), signal);
  return rows
    // A city without districts (东莞) is a city here, as in the region tree, not a district.
    .filter((r) => tree.byCode.get(String(r.code))?.level === level)
    .map((r): PeerCandidate => {
      const region = tree.byCode.get(String(r.code))!;
      return {
        code: region.code,
        name: region.name,
        parent: region.parent ?? NATION,
        kind: kindOf(level, region.name),
        context: contextOf(r),
        values: valuesOf(r),
        survey: surveyOf(num(r.survey_n), null)
      };
    });
}

/** A community's context carries its district's (size and make-up of the district it lies in). */
function districtContexts(rows: Row[]): Map<string, number[]> {
  const sums = new Map<string, { code: string; residents: number; households: number; units: number; urbanUnits: number }>();
  for (const r of rows) {
    const d = String(r.code).slice(0, 6);
    const s = sums.get(d) ?? { code: d, residents: 0, households: 0, units: 0, urbanUnits: 0 };
    s.residents += num(r.residents) ?? 0;
    s.households += num(r.households) ?? 0;
    s.units += 1;
    s.urbanUnits += num(r.urban) ?? 0;
    sums.set(d, s);
  }
  return new Map([...sums].map(([d, s]) => [d, features(s)]));
}

/** Streets or units of a province as peer candidates. */
async function provinceCandidates(level: 'street' | 'unit', p: string, year: number, signal?: AbortSignal) {
  const rows = await runRaw(level === 'street' ? streetRowsQuery(p, year) : unitRowsQuery(p, year), signal);
  const district = level === 'unit' ? districtContexts(rows) : null;
  // A province's tens of thousands of units are made into candidates a slice per task.
  const out: PeerCandidate[] = [];
  await inSlices(rows, (r) => out.push(candidate(r)));
  signal?.throwIfAborted();
  return out;
  function candidate(r: Row): PeerCandidate {
    return {
      code: String(r.code),
      name: String(r.name),
      parent: level === 'unit' ? String(r.code).slice(0, 9) : String(r.parent),
      parentName: r.street == null ? undefined : String(r.street),
      kind: kindOf(level, String(r.name), Number(r.urban) === 1),
      context: contextOf(r, district?.get(String(r.code).slice(0, 6))),
      values: valuesOf(r),
      survey: surveyOf(num(r.survey_n), num(r.sat_overall_sd))
    };
  }
}

/** Every candidate peer of a place's level (nation-wide for regions, the province for streets and units). */
export function peerCandidates(p: PlaceCode, year: number, tree: RegionTree, signal?: AbortSignal): Promise<PeerCandidate[]> {
  if (p.level === 'nation') return Promise.resolve([]);
  if (p.level === 'street' || p.level === 'unit') return provinceCandidates(p.level, p.code.slice(0, 2), year, signal);
  return regionCandidates(p.level, year, tree, signal);
}

/** One child of a place: code, Chinese name, units and every indicator. */
export interface ChildRow {
  code: string;
  name: string;
  units: number | null;
  urban: boolean | null;
  values: Record<string, number | null>;
  /** Households surveyed and the satisfaction margin (streets and units; regions' samples are large). */
  survey: Survey | null;
}

/** The places one level down (provinces … units); a unit has none. */
export async function placeChildren(p: PlaceCode, year: number, tree: RegionTree, signal?: AbortSignal): Promise<ChildRow[]> {
  if (p.level === 'unit') return [];
  const child = (r: Row, name: string, urban: boolean | null): ChildRow => ({
    code: String(r.code),
    name,
    units: num(r.units),
    urban,
    values: valuesOf(r),
    survey: r.survey_n === undefined ? null : surveyOf(num(r.survey_n), num(r.sat_overall_sd))
  });
  if (p.level === 'street') {
    const rows = await runRaw(unitRowsQuery(p.code.slice(0, 2), year), signal);
    return rows.filter((r) => String(r.code).startsWith(p.code)).map((r) => child(r, String(r.name), Number(r.urban) === 1));
  }
  if (tree.isLeaf(p.code)) {
    const rows = await runRaw(streetRowsQuery(p.code.slice(0, 2), year), signal);
    return rows.filter((r) => String(r.code).startsWith(p.code)).map((r) => child(r, String(r.name), null));
  }
  const rows = await childValues(p.code, year, 'all');
  return rows.map((r) => child(r, tree.byCode.get(String(r.code))?.name ?? String(r.code), null));
}
