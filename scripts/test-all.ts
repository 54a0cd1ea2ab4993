// npm test: every test. Lint, type check, unit tests, then the browser tests against the built site in
// Debian Chromium. Builds demo data, snapshots, boundaries and the site when they are missing.
import { execSync } from 'node:child_process';
import { chromiumPath } from './lib/chromium';
import { ensureData, buildSite } from './lib/ensure';

const run = (title: string, cmd: string) => {
  console.log(`\n━━ ${title}\n$ ${cmd}`);
  execSync(cmd, { stdio: 'inherit' });
};

function ensureChromium(): void {
  if (chromiumPath()) return;
  const root = process.getuid?.() === 0;
  let apt = false;
  try {
    execSync('command -v apt-get', { stdio: 'ignore' });
    apt = true;
  } catch {
    /* no apt */
  }
  if (root && apt) {
    run(
      'Installing Debian Chromium for the browser tests',
      'apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk'
    );
    return;
  }
  console.error(
    '\nThe browser tests need Chromium and CJK fonts. Install them with:\n  sudo apt-get install -y chromium fonts-noto-cjk\n(or set CHROMIUM_PATH to a Chromium binary) and run `npm test` again.'
  );
  process.exit(1);
}

try {
  run('Lint (Prettier, ESLint)', 'npx prettier --check . && npx eslint .');
  run(
    'Type check (svelte-check)',
    'npx svelte-kit sync && npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings --threshold error'
  );
  await ensureData();
  run('Unit tests (vitest)', 'npx vitest run');
  ensureChromium();
  console.log('\n━━ Building the site');
  buildSite();
  run('Browser tests (Chromium)', 'npx vitest run --config tests/browser/vitest.config.ts');
  console.log('\nAll tests passed.');
} catch (e) {
  console.error(`\nTests failed: ${(e as Error).message.split('\n')[0]}`);
  process.exit(1);
}
