// Search: first query (loads all names) and then per keystroke, Chinese substrings and pinyin initials.
import type { Browser } from 'playwright-core';
import { max, median, ms, readyPage, type Row } from './common';

export async function searchBench(browser: Browser, url: string): Promise<Row[]> {
  const { ctx, page } = await readyPage(browser, url);
  const box = page.locator('[data-testid="search"]');
  const once = async (q: string) => {
    await box.fill('');
    await box.fill(q);
    await page.waitForFunction(
      (qq) => {
        const el = document.querySelector('[data-testid="search-results"]') as HTMLElement | null;
        return (
          el &&
          el.dataset.ms &&
          (document.querySelector('[data-testid="search"]') as HTMLInputElement).value === qq &&
          !el.querySelector('li.none:only-child')?.textContent?.includes('…')
        );
      },
      q,
      { timeout: 120_000 }
    );
    return Number(await page.locator('[data-testid="search-results"]').getAttribute('data-ms'));
  };
  const first = await once('银闸');
  const keys = ['南', '南山', '多福', '社区', 'xq', 'dfx', 'nsq', '村委会', 'zz', '街道'];
  const times: number[] = [];
  for (const k of keys) times.push(await once(k));
  await ctx.close();
  const s = 'search (all units + streets)';
  return [
    [s, 'first query (loads all names)', ms(first)],
    [s, `per keystroke, median of ${keys.length}`, ms(median(times)), '≤ 50 ms'],
    [s, 'per keystroke, max', ms(max(times)), '≤ 50 ms']
  ];
}
