import { readGeoMeta, readNationalRows, readProvenance, readTotals } from '$lib/server/snapshot';
import { calibrationRows } from '$lib/indicators/calibration';

/** The method page is prerendered whole: catalogue, schemes, data and boundary provenance. */
export const load = () => ({
  provenance: readProvenance(),
  geo: readGeoMeta(),
  calibration: calibrationRows(readTotals(), readNationalRows())
});
