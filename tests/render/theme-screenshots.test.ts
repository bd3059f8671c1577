// Screenshots of the default theme at phone, tablet and desktop widths, saved under
// tests/.artifacts/screenshots/ (git-ignored) for a person to look at; at 320 px no
// page may scroll sideways.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser } from '../support/browser.js';
import { buildExample } from '../support/example-build.js';
import { serveStatic } from '../support/serve-static.js';
import { repoRoot } from '../support/site-folder.js';

const PAGES: Record<string, string> = {
  home: '/',
  post: '/2026/05/kinship-care-strategy/',
  tag: '/tag/childrens-services/',
  event: '/events/regional-leadership-conference/',
};
const WIDTHS = [320, 768, 1280];
const folder = path.join(repoRoot, 'tests', '.artifacts', 'screenshots');

let browser: Browser;
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  if (!browserAvailable) return;
  const result = await buildExample();
  server = await serveStatic(result.outDir);
  browser = await launchBrowser();
  await fs.mkdir(folder, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.skipIf(!browserAvailable)('default theme screenshots', () => {
  it.each(Object.entries(PAGES))('%s at 320, 768 and 1280 px', async (name, url) => {
    for (const width of WIDTHS) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      await page.goto(`${server.url}${url}`);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      const file = path.join(folder, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      await page.close();
      expect(scrollWidth, `${url} at ${width}px`).toBeLessThanOrEqual(width);
      expect((await fs.stat(file)).size).toBeGreaterThan(1000);
    }
  });
});
