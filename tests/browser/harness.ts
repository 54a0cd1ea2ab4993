// Shared setup for browser tests: serve build/ on a free port, launch Chromium, and record every
// request so a test can assert that nothing leaves the site's origin.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Server } from 'node:http';
import { existsSync } from 'node:fs';
import { launchChromium } from '../../scripts/lib/chromium';
import { startServer } from '../../scripts/lib/server';

/** The DuckDB-WASM engine's files as built (hashed names): its worker script and its wasm module. Tests
 *  hold them to see what a page shows before the engine is ready. */
export const DUCKDB_ENGINE = /\/duckdb-(browser-)?(eh|mvp)(\.worker)?\.[^/]+\.(js|wasm)$/;

export interface Site {
  url: string;
  origin: string;
  browser: Browser;
  close: () => Promise<void>;
}

export async function openSite(dir = 'build'): Promise<Site> {
  if (!existsSync(`${dir}/index.html`))
    throw new Error(
      `${dir}/ is missing: run \`npm run build\` (data, boundaries and the site), \`npm run test:browser\` or \`npm test\`.`
    );
  const { server, url } = await startServer(dir, 0);
  const browser = await launchChromium();
  return {
    url,
    origin: new URL(url).origin,
    browser,
    close: async () => {
      await browser.close();
      await new Promise<void>((r) => (server as Server).close(() => r()));
    }
  };
}

export interface Tab {
  page: Page;
  context: BrowserContext;
  /** Every URL requested (page, workers, fetches). */
  requests: string[];
  /** Requests that tried to leave the origin (they are aborted). */
  offsite: string[];
  /** CSP violations and page errors. */
  problems: string[];
}

export async function newTab(site: Site, opts: { width?: number; height?: number } = {}): Promise<Tab> {
  const context = await site.browser.newContext({
    viewport: { width: opts.width ?? 1440, height: opts.height ?? 900 },
    locale: 'zh-CN'
  });
  const requests: string[] = [];
  const offsite: string[] = [];
  const problems: string[] = [];
  const local = (u: string) => u.startsWith(site.origin + '/') || u.startsWith('data:') || u.startsWith('blob:');
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (local(u)) return route.continue();
    offsite.push(u);
    return route.abort();
  });
  context.on('request', (r) => {
    requests.push(r.url());
    if (!local(r.url()) && !offsite.includes(r.url())) offsite.push(r.url());
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) problems.push(m.text());
  });
  page.on('worker', (w) => requests.push(`worker:${w.url()}`));
  return { page, context, requests, offsite, problems };
}

/** Wait until the overview's map shows the children of `parent` with their values. */
export async function mapReady(page: Page, parent: string): Promise<void> {
  await page.waitForSelector(`[data-map-parent="${parent}"][data-map-ready="yes"]`, { timeout: 60_000 });
}

/** A box of an image: pixels, a percentage of the image's size, or (negative) pixels from the right or bottom edge. */
type Coord = number | `${number}%`;
export interface PixelBox {
  x: Coord;
  y: Coord;
  w: Coord;
  h: Coord;
  rgb: number[];
  /** Largest |Δr| + |Δg| + |Δb| that counts as the colour. */
  tol: number;
}

/** Decode a PNG in the page; its size and, per box, how many of its pixels are near the box's colour. */
export async function pngPixels(
  page: Page,
  png: Buffer,
  boxes: PixelBox[]
): Promise<{ width: number; height: number; counts: number[] }> {
  return page.evaluate(
    async ({ b64, boxes }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const img = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(img.width, img.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const px = (c: number | string, size: number) =>
        typeof c === 'string' ? Math.round((parseFloat(c) / 100) * size) : c < 0 ? size + c : c;
      const counts = boxes.map((b) => {
        const { data } = ctx.getImageData(px(b.x, img.width), px(b.y, img.height), px(b.w, img.width), px(b.h, img.height));
        let n = 0;
        for (let i = 0; i < data.length; i += 4)
          if (Math.abs(data[i] - b.rgb[0]) + Math.abs(data[i + 1] - b.rgb[1]) + Math.abs(data[i + 2] - b.rgb[2]) < b.tol) n++;
        return n;
      });
      return { width: img.width, height: img.height, counts };
    },
    { b64: png.toString('base64'), boxes }
  );
}

/** The demonstration label's orange (#b45309) in the top-right 240×40 px of an exported image. */
export const DEMO_LABEL_BOX: PixelBox = { x: -240, y: 0, w: 240, h: 40, rgb: [180, 83, 9], tol: 90 };
