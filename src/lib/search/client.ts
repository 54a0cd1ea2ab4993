// Search places: regions (provinces, cities, districts) from the region tree at once, streets and
// all grassroots units from the search worker. Chinese text matches anywhere in a name; Latin
// letters match pinyin initials from the start ("nsq" → 南山区…).
import { regionTree } from '$lib/data/api';
import { fileUrl } from '$lib/data/snapshots';
import type { Hit, Msg } from './search.worker';
import { workerClient } from '$lib/workers';
import { parentCode } from '$lib/rankings/view';
import type { RegionTree } from '$lib/data/regions';

/** The parent named beside a result: a region's (as in the rankings), a street's or unit's district. */
function parentName(tree: RegionTree, code: string): string {
  const p = code.length > 6 ? (tree.byCode.has(code.slice(0, 6)) ? code.slice(0, 6) : null) : parentCode(tree, code);
  return p ? tree.name(p, 'zh', true) : '';
}

export interface Place {
  code: string;
  name: string;
  kind: 'province' | 'city' | 'district' | 'street' | 'urban' | 'rural';
  /** The region that tells it from namesakes (鼓楼区 · 福州市; a street's or unit's district), '' for a province. */
  parent?: string;
}

const worker = workerClient<Omit<Msg, 'id'>, { hits: Hit[]; ms: number }>(
  () => new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module' })
);
const ask = async (q: string, limit: number) => worker.ask({ url: await fileUrl('search.tsv'), q, limit });

const KIND: Record<Hit['kind'], Place['kind']> = { s: 'street', u: 'urban', r: 'rural' };

/** Normalised query: trimmed, at most 20 characters, Latin lower-cased; '' when nothing searchable. */
export function normaliseQuery(text: string): string {
  const q = text.trim().slice(0, 20);
  return /^[a-z0-9]+$/i.test(q) ? q.toLowerCase() : q.replace(/\s+/g, '');
}

export async function searchPlaces(text: string, limit = 20): Promise<Place[]> {
  const q = normaliseQuery(text);
  if (!q) return [];
  const latin = /^[a-z0-9]+$/.test(q);
  const tree = await regionTree();
  const regions: Place[] = [...tree.byCode.values()]
    .filter((r) => r.level !== 'nation' && (latin ? (r.initials ?? '').startsWith(q) : r.name.includes(q)))
    .slice(0, 8)
    .map((r) => ({ code: r.code, name: r.name, kind: r.level as Place['kind'], parent: parentName(tree, r.code) }));
  const { hits } = await ask(q, limit);
  const places = hits.map((h) => ({ code: h.code, name: h.name, kind: KIND[h.kind], parent: parentName(tree, h.code) }));
  return [...regions, ...places].slice(0, limit);
}
