// The page's query parameters, safe for prerendering: the server render (and the hydration that must
// match it) sees none, so every page first shows its default view — the one prerendered into the HTML —
// and switches to the URL's view once the app has hydrated.
import { page } from '$app/state';

const app = $state({ hydrated: false });

/** Called once by the root layout after hydration. */
export function markHydrated(): void {
  app.hydrated = true;
}

/** True after the app has hydrated in the browser (never in the server render). */
export const hydrated = (): boolean => app.hydrated;

const none = new URLSearchParams();
/** The URL's query parameters after hydration; none before (server render, hydration). */
export function urlParams(): URLSearchParams {
  return app.hydrated ? page.url.searchParams : none;
}
