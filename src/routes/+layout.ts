// Every route is prerendered (server-rendered at build time with the snapshot's small JSON), then
// hydrated; browser-only work (DuckDB, ECharts, workers, location) runs after mount.
export const prerender = true;
export const trailingSlash = 'always';
