// What the whole site needs to know about the loaded snapshots, read at build time by the root
// layout's load (prerendered): above all whether the values are generated demonstration data, so
// every view and export says so.
import { page } from '$app/state';
import type { Info } from './manifest';
import { t } from '$lib/i18n/index.svelte';

/** The snapshot's info (demo flag, years, counts); null only outside the app. */
export const siteInfo = (): Info | null => (page.data as { info?: Info }).info ?? null;
export const isDemo = () => siteInfo()?.demo === true;

/** The label every chart, map and PNG of generated data carries (empty for real data). */
export const demoLabel = () => (isDemo() ? t('demoWatermark') : '');
