/**
 * Debian's Chromium through playwright-core. Locally a missing browser skips browser
 * tests with a loud warning; in CI (CI=true) it is a failure.
 */
import { existsSync, promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

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

/** One axe-core rule broken on a page, with the elements that break it. */
export interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/** The rule tags of WCAG 2.2 level AA (A and AA of 2.0, 2.1 and 2.2). */
export const WCAG_AA_TAGS: readonly string[] = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let axeSource: Promise<string> | undefined;

/** Run axe-core on `page` as it stands now, with the rules of `tags`. */
export async function runAxe(page: Page, tags: readonly string[] = WCAG_AA_TAGS): Promise<AxeViolation[]> {
  axeSource ??= fs.readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: await axeSource });
  return page.evaluate(async (values) => {
    const run = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe.run;
    const result = await run(document, { runOnly: { type: 'tag', values } });
    return result.violations.map((violation) => ({ id: violation.id, help: violation.help, nodes: violation.nodes.map((node) => ({ target: node.target })) }));
  }, tags as string[]);
}
