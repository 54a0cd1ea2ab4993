// Which boundary features the overview map draws for a parent region: provinces of the nation,
// cities of a province (districts for municipalities), districts of a city. Boundaries are
// optional: a missing file yields no features, and the tile list still works.
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import { childLevel, MUNICIPALITIES } from '$lib/data/regions';
import { dataUrl } from '$lib/data/snapshots';

const cache = new Map<string, Promise<GeoJSON.Feature[]>>();

/** Features of the first object of a TopoJSON file under static/geo/. */
function load(file: string, object: string): Promise<GeoJSON.Feature[]> {
  let p = cache.get(file);
  if (!p) {
    p = fetch(dataUrl(`../geo/${file}`)).then(async (r) => {
      if (!r.ok) throw new Error(`${file}: HTTP ${r.status}`);
      const topo = (await r.json()) as Topology;
      const obj = topo.objects[object] as GeometryCollection;
      return (feature(topo, obj) as GeoJSON.FeatureCollection).features;
    });
    p.catch(() => cache.delete(file));
    cache.set(file, p);
  }
  return p;
}

export async function mapFeatures(parent: string): Promise<{ features: GeoJSON.Feature[]; note: string }> {
  const level = childLevel(parent);
  const p2 = parent.slice(0, 2);
  if (level === 'province') return { features: await load('provinces.topo.json', 'provinces'), note: '' };
  if (level === 'city') return { features: (await load('cities.topo.json', 'cities')).filter((f) => f.properties?.parent === parent), note: '' };
  if (level !== 'district') return { features: [], note: '' };
  const all = await load(`districts/${p2}.topo.json`, 'districts');
  const features = MUNICIPALITIES.has(p2) && parent.endsWith('0000') ? all : all.filter((f) => f.properties?.parent === parent);
  return { features, note: '' };
}
