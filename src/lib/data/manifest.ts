// Shape of static/data/manifest.json, written by scripts/build-snapshots.ts.
export interface ManifestFile {
  path: string;
  rows: number | null;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  version: 1;
  /** True when the unit values are generated demonstration data. */
  demo: boolean;
  seed: number | null;
  /** Hash of the sources the snapshots were built from (scripts/lib/ensure.ts); null for imports. */
  dataVersion: string | null;
  built: string;
  years: number[];
  provinces: string[];
  unitYears: number;
  /** National totals per year (absent in snapshots built before they were recorded). */
  totals?: YearTotals[];
  units: number;
  indicators: string[];
  files: ManifestFile[];
}

export interface YearTotals {
  year: number;
  units: number;
  urban_units: number;
  households: number;
  residents: number;
}

/** static/data/info.json: what every page needs first. */
export interface Info {
  demo: boolean;
  built: string;
  years: number[];
  /** Two-digit codes of the provinces with data (absent in snapshots built before it was recorded). */
  provinces?: string[];
  units: number;
  unitYears: number;
}

/** What the method page says about the snapshots (the manifest without its per-file list). */
export interface Provenance {
  demo: boolean;
  built: string;
  seed: number | null;
  years: number[];
  units: number;
  unitYears: number;
  files: number;
  bytes: number;
}

/** The method page's facts of a manifest. */
export const provenanceOf = (m: Manifest): Provenance => ({
  demo: m.demo,
  built: m.built,
  seed: m.seed,
  years: m.years,
  units: m.units,
  unitYears: m.unitYears,
  files: m.files.length,
  bytes: m.files.reduce((s, f) => s + f.bytes, 0)
});

/** static/geo/meta.json, written by scripts/build-geo.ts. */
export interface GeoMeta {
  sources: { package: string; version: string; licence: string; used: string }[];
  coverage: { districts: number; withPolygon: number; share: number };
  missingDistricts: { code: string; name: string; kind?: string }[];
  totalBytes?: number;
}
