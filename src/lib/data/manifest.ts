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
  units: number;
  indicators: string[];
  files: ManifestFile[];
}

/** static/data/info.json: what every page needs first. */
export interface Info {
  demo: boolean;
  built: string;
  years: number[];
  units: number;
  unitYears: number;
}
