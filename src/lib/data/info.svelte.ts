// What the whole site needs to know about the loaded snapshots (set once by the layout):
// above all whether the values are generated demonstration data, so every view and export says so.
import type { Info } from './manifest';

export const site = $state<{ info: Info | null }>({ info: null });
export const isDemo = () => site.info?.demo === true;
