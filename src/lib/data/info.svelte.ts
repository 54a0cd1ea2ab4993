// What the whole site needs to know about the loaded snapshots, read at build time by the root
// layout's load (prerendered): above all whether the values are generated demonstration data, so
// every view and export says so.
import { page } from '$app/state';
import type { Info } from './manifest';
import { t } from '$lib/i18n/index.svelte';
import { local } from './local.svelte';
import { opening } from './local-files';

/** The snapshot's info (demo flag, years, counts): the file opened in this browser's while one is
 *  open, else the site's (prerendered); null only outside the app. */
export const siteInfo = (): Info | null => local.open?.info ?? (page.data as { info?: Info }).info ?? null;

/** True while the page shows, or is about to show, a file opened in this browser: prerendered
 *  figures (the site's own snapshots) must not be shown for it. */
export const showsLocal = () => opening || local.open !== null;
export const isDemo = () => siteInfo()?.demo === true;

/** The label every chart, map and PNG of generated data carries (empty for real data). */
export const demoLabel = () => (isDemo() ? t('demoWatermark') : '');
