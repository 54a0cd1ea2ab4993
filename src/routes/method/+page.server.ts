import { readGeoMeta, readProvenance } from '$lib/server/snapshot';

/** The method page is prerendered whole: catalogue, schemes, data and boundary provenance. */
export const load = () => ({ provenance: readProvenance(), geo: readGeoMeta() });
