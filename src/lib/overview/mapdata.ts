// Which boundary features the overview map draws for a parent region: provinces of the nation
// (with Taiwan/HK/Macau outlines as background), cities of a province (districts for
// municipalities), districts of a city. Boundaries are optional: a missing file yields no
// features, and the tile list still works.
import { childLevel, contextFeatures, featuresFor, type RegionFeature } from '$lib/maps/geo';
import { dataUrl } from '$lib/data/snapshots';

export async function mapFeatures(parent: string): Promise<{ features: RegionFeature[]; background: RegionFeature[] }> {
  const level = childLevel(parent);
  if (!level) return { features: [], background: [] };
  const opts = { base: dataUrl('../geo').replace(/\/$/, '') };
  const features = await featuresFor(level, level === 'province' ? undefined : parent, opts);
  const background = level === 'province' ? await contextFeatures(opts).catch(() => []) : [];
  return { features, background };
}
