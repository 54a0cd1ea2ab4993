// Which boundary features the overview map draws for a parent region: provinces of the nation
// (with Taiwan/HK/Macau outlines as background), cities of a province (districts for
// municipalities), districts of a city. Boundaries are optional: a missing file yields no
// features, and the tile list still works.
import { childLevel, contextFeatures, featuresFor, loadTopology, topologyUrl, type RegionFeature } from '$lib/maps/geo';
import { dataUrl } from '$lib/data/snapshots';

const memo = new Map<string, Promise<{ features: RegionFeature[]; background: RegionFeature[] }>>();

/** Features for a parent, converted from TopoJSON once and remembered. */
export function mapFeatures(parent: string): Promise<{ features: RegionFeature[]; background: RegionFeature[] }> {
  let p = memo.get(parent);
  if (!p) {
    p = convert(parent);
    p.catch(() => memo.delete(parent));
    memo.set(parent, p);
  }
  return p;
}

async function convert(parent: string): Promise<{ features: RegionFeature[]; background: RegionFeature[] }> {
  const level = childLevel(parent);
  if (!level) return { features: [], background: [] };
  const opts = { base: dataUrl('../geo').replace(/\/$/, '') };
  const features = await featuresFor(level, level === 'province' ? undefined : parent, opts);
  const background = level === 'province' ? await contextFeatures(opts).catch(() => []) : [];
  return { features, background };
}

/** Fetch, in idle time, the boundaries a click on this map is likely to need next. */
export function prefetchNext(parent: string): void {
  const level = childLevel(parent);
  const opts = { base: dataUrl('../geo').replace(/\/$/, '') };
  const url =
    level === 'province'
      ? topologyUrl('city', undefined, opts.base)
      : level === 'city'
        ? topologyUrl('district', parent, opts.base)
        : null;
  const next = url ? () => loadTopology(url) : null;
  if (!next) return;
  const idle =
    (globalThis as { requestIdleCallback?: (f: () => void) => void }).requestIdleCallback ??
    ((f: () => void) => setTimeout(f, 200));
  idle(() => {
    next().catch(() => {});
  });
}
