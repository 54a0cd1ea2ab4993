import { readNationalRows } from '$lib/server/snapshot';

/** The national KPIs go into the prerendered HTML. */
export const load = () => ({ national: readNationalRows() });
