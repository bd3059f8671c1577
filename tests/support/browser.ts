/**
 * Debian's Chromium through playwright-core. Locally a missing browser skips browser
 * tests with a loud warning; in CI (CI=true) it is a failure.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const browserAvailable = existsSync(CHROMIUM);

if (!browserAvailable) {
  const message = `Chromium not found at ${CHROMIUM}: browser tests ${process.env.CI === 'true' ? 'FAIL in CI' : 'are SKIPPED'} (apt-get install -y chromium).`;
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`\n\n*** ${message}\n\n`);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
