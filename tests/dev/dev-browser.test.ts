// The dev server seen from a real browser: an open page reloads itself after an edit, a CSS
// edit swaps the stylesheet without a reload, and a broken post shows an overlay that goes
// away when the post is fixed.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevServer, type DevServer } from '../../src/dev/create-dev-server.js';
import { bundledThemeFolder } from '../../src/shared/package-root.js';
import { browserAvailable, launchBrowser } from '../support/browser.js';
import { copyFixture } from '../support/site-folder.js';

let site: string;
let server: DevServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!browserAvailable) return;
  site = await copyFixture('blog-basic');
  await fs.mkdir(path.join(site, 'theme', 'assets', 'css'), { recursive: true });
  await fs.copyFile(path.join(bundledThemeFolder(), 'assets', 'css', 'site.css'), path.join(site, 'theme', 'assets', 'css', 'site.css'));
  server = await createDevServer({ root: site, port: 0, now: '2024-11-15T12:00:00Z', log: () => undefined });
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(`${server.url}2024/04/bst-start/`);
  await page.waitForFunction(() => document.documentElement.dataset.sectorpressLive === 'connected');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const edit = async (relative: string, change: (text: string) => string): Promise<void> => {
  const file = path.join(site, relative);
  await fs.writeFile(file, change(await fs.readFile(file, 'utf8')));
};

describe.skipIf(!browserAvailable)('the dev server in Chromium', () => {
  it('reloads an open page by itself after an edit', async () => {
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 1;
    });
    await edit('posts/bst-start.md', (text) => text.replace('Clocks go forward', 'Clocks sprang forward'));
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Clocks sprang forward', undefined, { timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBeUndefined();
  });

  it('swaps the stylesheet after a CSS edit without reloading the page', async () => {
    await page.waitForFunction(() => document.documentElement.dataset.sectorpressLive === 'connected');
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 2;
    });
    await edit('theme/assets/css/site.css', (text) => `${text}\nh1 { color: rgb(1, 2, 3); }\n`);
    await page.waitForFunction(() => getComputedStyle(document.querySelector('h1') as Element).color === 'rgb(1, 2, 3)', undefined, { timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(2);
  });

  it('shows broken front matter as an overlay with its location, and clears it when fixed', async () => {
    await edit('posts/bst-start.md', (text) => text.replace('title: "Clocks sprang forward"', 'title: [oops'));
    const overlay = page.locator('#sectorpress-overlay');
    await overlay.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await overlay.getAttribute('role')).toBe('alertdialog');
    expect(await overlay.textContent()).toMatch(/posts\/bst-start\.md:\d+:\d+ error/);
    await edit('posts/bst-start.md', (text) => text.replace('title: [oops', 'title: "Clocks fixed"'));
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Clocks fixed', undefined, { timeout: 15_000 });
    expect(await page.locator('#sectorpress-overlay').count()).toBe(0);
  });
});
