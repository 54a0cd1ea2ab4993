import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

const build = process.env.CGO_BUILD ?? 'build';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // CGO_STATIC / CGO_BUILD: build a site from another snapshot folder into another output folder
    // (a folder holding data/ and geo/; the tests build a site from a small imported snapshot).
    adapter: adapter({ pages: build, assets: build, fallback: undefined, strict: true }),
    files: { assets: process.env.CGO_STATIC ?? 'static' },
    // Relative asset paths so a department can host the site under any sub-path of its intranet.
    paths: { relative: true },
    prerender: { handleHttpError: 'fail', handleMissingId: 'fail' }
  }
};
export default config;
