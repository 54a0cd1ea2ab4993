import { readInfo } from '$lib/server/snapshot';

/** Read at build time: whether the data is a demonstration, its years and size. */
export const load = () => ({ info: readInfo() });
