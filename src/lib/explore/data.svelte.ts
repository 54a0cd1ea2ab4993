// The explorer's data, as reactive state for its page: the pre-aggregated tables of the filter and
// their indexes, the brush answered from them on every move (live while dragging, committed in the
// URL), and the direct queries for what does not add up over bins (Spearman's rho, box plots and the
// correlation matrix; the last two once their panels are scrolled towards). Created while the page
// initialises (its resources are effects of the page).
import { untrack } from 'svelte';
import { hydrated } from '../url/params.svelte';
import { resource } from '../data/resource.svelte';
import { brushAnswer, boxesOf, correlationOf, groupIndexId, groupIndexOf, prepare, prepareKey, spearmanOf } from './api';
import { binRange } from './stats';
import type { BinRange } from './queries';
import type { ExploreState } from './state';

const idOf = { keyOf: (k: unknown) => (k as { id: string }).id };

export class ExploreData {
  /** The brush while it is dragged (bins), before it is committed; undefined: the committed one. */
  live = $state<BinRange | undefined>(undefined);
  /** Panels below the first screen that have come near the viewport. */
  near = $state({ box: false, corr: false });
  readonly #s: () => ExploreState;

  constructor(state: () => ExploreState, years: () => readonly number[], provinces: () => readonly string[]) {
    this.#s = state;
    // Pre-aggregated tables of the filter (rebuilt when anything but brush, box or pivot changes).
    this.prepared = resource(
      () => (hydrated() && years().length ? { key: prepareKey(state()), s: { ...state(), brush: null } } : null),
      ({ s }, signal) => prepare(s, untrack(provinces), signal),
      { keyOf: (k) => (k as { key: string }).key }
    );
    // The group cube as an index for the pivot shown (re-summed when the pivot changes).
    this.groupIndex = resource(
      () => (this.prep ? { p: this.prep, s: state(), id: groupIndexId(this.prep, state()) } : null),
      (k, signal) => groupIndexOf(k.p, k.s, signal),
      idOf
    );
    this.rho = resource(
      () => this.slowKey('rho'),
      (k, signal) => spearmanOf(k.p, k.s, k.bins, signal),
      idOf
    );
    this.boxes = resource(
      () => (this.near.box ? this.slowKey(`${state().box}:${state().level}`) : null),
      (k, signal) => boxesOf(k.p, k.s, k.bins, signal),
      idOf
    );
    this.corr = resource(
      () => (this.near.corr ? this.slowKey('corr') : null),
      (k, signal) => correlationOf(k.p, k.s, k.bins, signal),
      idOf
    );
  }

  readonly prepared;
  readonly groupIndex;
  readonly rho;
  readonly boxes;
  readonly corr;

  /** The tables of the current filter (null while they build). */
  prep = $derived.by(() => {
    const v = this.prepared.value;
    return v && v.key === prepareKey(this.#s()) ? v : null;
  });
  committedBins = $derived.by<BinRange>(() => {
    const [p, b] = [this.prep, this.#s().brush];
    return p && b ? binRange(p.layout.hist, b[0], b[1]) : null;
  });
  /** The bins shown: the dragged brush, else the committed one. */
  bins = $derived<BinRange>(this.live !== undefined ? this.live : this.committedBins);
  binsKey = $derived(this.bins ? `${this.bins[0]}-${this.bins[1]}` : 'all');
  gi = $derived.by(() => {
    const g = this.groupIndex.value;
    return this.prep && g?.id === groupIndexId(this.prep, this.#s()) ? g : null;
  });
  /** Fast path: every brush move is answered from the indexes, in the page, without a query. */
  answer = $derived(this.prep && this.gi ? brushAnswer(this.prep, this.gi, this.bins) : null);
  fastKey = $derived.by(() => (this.prep && this.gi ? `${this.prep.cubes.bins}:${this.binsKey}:${this.#s().pivot}` : ''));
  /** Units matching the filter and the brush. */
  count = $derived(this.answer ? this.answer.units : (this.prep?.units ?? null));

  /** Build the filter's tables again (after a cancel). */
  recompute() {
    const s = this.#s();
    return this.prepared.load({ key: prepareKey(s), s: { ...s, brush: null } }, true);
  }

  /** Key of a direct query (`extra` names it): on committed brushes only. */
  slowKey(extra: string) {
    const p = this.prep;
    const bins = this.committedBins;
    return p ? { p, s: this.#s(), bins, id: `${p.cubes.bins}:${JSON.stringify(bins)}:${extra}` } : null;
  }
}
