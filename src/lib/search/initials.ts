// Pinyin initials of names (多福巷社区居委会 → dfxsqjwh) so the site's search matches what people
// type on a keyboard without an input method. Computed when snapshots are built: by the build
// scripts, and in the /import/ page's worker for a file explored in the browser.
import { pinyin } from 'pinyin-pro';

export function initialsOf(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
