/**
 * `--browser`: axe-core in Chromium (playwright-core) on one page of each page type, for
 * what a static checker cannot see (colour contrast, computed names, focus). No server:
 * the browser asks for the site's own URLs and gets the files of the output folder.
 */
import { existsSync, promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Problem } from '../shared/errors.js';
import { fileForPath, pageUrlOf, type SiteAddress } from './resolve-link.js';

const PAGE_TYPES: readonly (readonly [string, RegExp])[] = [
  ['home', /^index\.html$/],
  ['post', /^\d{4}\/\d{2}\/[^/]+\/index\.html$/],
  ['tag', /^tag\/[^/]+\/index\.html$/],
  ['tags list', /^tags\/index\.html$/],
  ['author', /^author\/[^/]+\/index\.html$/],
  ['archive', /^\d{4}\/(\d{2}\/)?index\.html$/],
  ['events', /^events\/index\.html$/],
  ['event', /^events\/[^/]+\/index\.html$/],
  ['search', /^search\/index\.html$/],
  ['404', /^404\.html$/],
  ['page', /^[^/]+\/index\.html$/],
];

/** The first page (in file order) of each type, by the default URL patterns. */
export function pickPageTypes(pages: readonly string[]): Map<string, string> {
  const picked = new Map<string, string>();
  for (const page of [...pages].sort()) {
    const type = PAGE_TYPES.find(([, pattern]) => pattern.test(page))?.[0];
    if (type && !picked.has(type)) picked.set(type, page);
  }
  return picked;
}

const problem = (code: string, message: string, hint: string, file?: string): Problem => ({ severity: 'error', code, message, hint, file });

interface AxeViolation {
  readonly id: string;
  readonly help: string;
  readonly helpUrl: string;
  readonly nodes: readonly { readonly html: string }[];
}

type Playwright = typeof import('playwright-core');

async function loadTools(chromiumPath: string): Promise<{ playwright: Playwright; axeSource: string } | Problem> {
  let tools: { playwright: Playwright; axeSource: string };
  try {
    // Optional peer dependencies, loaded only for --browser: an installed sectorpress does not bring them (~15 MB).
    const playwright = await import('playwright-core');
    const axeSource = await fs.readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    tools = { playwright, axeSource };
  } catch {
    return problem(
      'check/browser-missing',
      'check --browser needs playwright-core and axe-core: npm install --save-dev playwright-core axe-core',
      'They are optional peer dependencies of sectorpress, installed only by projects that use --browser.',
    );
  }
  if (!existsSync(chromiumPath))
    return problem(
      'check/browser-missing',
      `Chromium was not found at ${chromiumPath}, so --browser could not run.`,
      'Install it (e.g. apt-get install chromium), set CHROMIUM_PATH to where it is, or check without --browser.',
    );
  return tools;
}

type BrowserPage = Awaited<ReturnType<Awaited<ReturnType<Playwright['chromium']['launch']>>['newPage']>>;

/** axe's WCAG 2.x A and AA violations on the loaded page. */
async function runAxe(page: BrowserPage, axeSource: string): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    // Runs in the page: its globals are the browser's, which this project's types do not include.
    const inPage = globalThis as unknown as { document: unknown; axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> } };
    const result = await inPage.axe.run(inPage.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((violation) => ({ id: violation.id, help: violation.help, helpUrl: violation.helpUrl, nodes: violation.nodes.map((node) => ({ html: node.html })) }));
  });
}

/** Run axe (WCAG 2.x A and AA rules) on one page of each type; one problem per rule and page. */
export async function checkInBrowser(outDir: string, pages: readonly string[], files: ReadonlySet<string>, site: SiteAddress, chromiumPath: string): Promise<{ problems: Problem[]; checked: number }> {
  const tools = await loadTools(chromiumPath);
  if ('severity' in tools) return { problems: [tools], checked: 0 };
  const browser = await tools.playwright.chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const problems: Problem[] = [];
  const picked = pickPageTypes(pages);
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // The site's own URLs come from the output folder; nothing else is fetched.
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      const sitePath = url.origin === site.origin && url.pathname.startsWith(site.basePath) ? decodeURIComponent(url.pathname.slice(site.basePath.length)) : undefined;
      const file = sitePath === undefined ? undefined : fileForPath(sitePath, files);
      if (file) return route.fulfill({ path: path.join(outDir, file) });
      if (url.origin !== site.origin) return route.abort();
      return route.fulfill({ status: 404, path: path.join(outDir, files.has('404.html') ? '404.html' : 'index.html') });
    });
    for (const [type, file] of picked) {
      const page = await context.newPage();
      await page.goto(pageUrlOf(file, site).href);
      const violations = await runAxe(page, tools.axeSource);
      await page.close();
      for (const violation of violations) {
        const elements = violation.nodes.map((node) => node.html.slice(0, 120)).join(', ');
        problems.push(problem(`axe/${violation.id}`, `${violation.help} (${type} page): ${elements}`, `See ${violation.helpUrl}`, file));
      }
    }
  } finally {
    await browser.close();
  }
  return { problems, checked: picked.size };
}
