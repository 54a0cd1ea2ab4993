// Which boundary features the overview map draws for a parent region: provinces of the nation,
// cities of a province (districts for municipalities), districts of a city. Boundaries are
// optional: a missing file yields no features and a note, and the tile list still works.
import { childLevel, MUNICIPALITIES } from '$lib/data/regions';
import { loadFeatures } from '$lib/maps/geo';

export async function mapFeatures(parent: string): Promise<{ features: GeoJSON.Feature[]; note: string }> {
  const level = childLevel(parent);
  if (!level || level === 'nation') return { features: [], note: '' };
  const p2 = parent.slice(0, 2);
  if (level === 'province') return { features: await loadFeatures('province'), note: '' };
  if (level === 'city') return { features: (await loadFeatures('city')).filter((f) => f.properties?.parent === parent), note: '' };
  const all = await loadFeatures('district', p2);
  const features = MUNICIPALITIES.has(p2) && parent.endsWith('0000') ? all : all.filter((f) => f.properties?.parent === parent);
  return { features, note: '' };
}
