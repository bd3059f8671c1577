// `sectorpress check` on real builds of the example site: it passes as built, and each kind of
// breakage a reviewer would find (removed page, broken #fragment, missing image, invalid
// element, unreachable page, broken feed, links outside the base path) fails it, by name.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { copyExample, EXAMPLE_NOW } from '../support/example-build.js';
import { runCliCaptured } from '../support/run-cli.js';

let root: string;
let outDir: string;
/** What the example's build wrote, counted from the folder: every HTML page, every calendar. */
let pages: number;
let calendars: number;

beforeAll(async () => {
  root = await copyExample();
  outDir = (await build({ root, now: EXAMPLE_NOW, cache: false })).outDir;
  const files = (await fs.readdir(outDir, { recursive: true })).map(String);
  pages = files.filter((file) => file.endsWith('.html')).length;
  calendars = files.filter((file) => file.endsWith('.ics')).length;
});

/** A copy of the built output to break. */
async function copyOutput(): Promise<string> {
  const copy = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-check-'));
  await fs.cp(outDir, copy, { recursive: true });
  return copy;
}

async function edit(file: string, change: (html: string) => string): Promise<void> {
  const before = await fs.readFile(file, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  await fs.writeFile(file, after);
}

describe('sectorpress check on the example site', () => {
  it('passes the example as built, and says what it checked', async () => {
    const run = await runCliCaptured(['check', root]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`Checked ${pages} pages, [\\d,]+ links, \\d+ feeds, ${calendars} calendars in [\\d.]+ s: no problems\\.`));
  });

  it('fails a copy with a removed page, a broken #fragment, a missing image and an invalid element, naming each', async () => {
    const copy = await copyOutput();
    await fs.rm(path.join(copy, 'about', 'index.html'));
    await fs.rm(path.join(copy, 'images', 'family-hub.svg'));
    const post = path.join(copy, '2026', '05', 'kinship-care-strategy', 'index.html');
    await edit(post, (html) => html.replace('<main id="main"', '<p><a href="/accessibility/#no-such-heading">Accessibility help</a></p><main id="main"'));
    await edit(path.join(copy, 'tags', 'index.html'), (html) => html.replace('</main>', '<ul><div>Not a list item</div></ul></main>'));

    const run = await runCliCaptured(['check', root, '--out', copy]);
    expect(run.code).toBe(1);
    const report = run.stderr;
    expect(report).toMatch(/Broken links \(\d+\) \[check\/broken-link\]/);
    expect(report).toMatch(/index\.html:\d+:\d+: <a href="\/about\/"> → no such page/);
    expect(report).toMatch(/2026\/02\/family-hubs-open\/index\.html:\d+:\d+: <img src="\/images\/family-hub\.svg"> → no such file/);
    expect(report).toMatch(/2026\/05\/kinship-care-strategy\/index\.html:\d+:\d+: <a href="\/accessibility\/#no-such-heading"> → no element with id "no-such-heading" on accessibility\/index\.html/);
    expect(report).toMatch(/HTML: element-permitted-content \(1\)[^\n]*\n {2}tags\/index\.html:\d+:\d+: <div> element is not permitted as content under <ul>/);
    expect(report).toMatch(new RegExp(`Checked ${pages - 1} pages, .* problems\\.$`));
  });

  it('reuses the scans of unchanged pages on the next check, with the same problems, and rescans a changed page', async () => {
    const copy = await copyOutput();
    await edit(path.join(copy, 'tags', 'index.html'), (html) => html.replace('</main>', '<ul><div>Not a list item</div></ul></main>'));
    const first = await runCliCaptured(['check', root, '--out', copy, '--json']);
    const second = await runCliCaptured(['check', root, '--out', copy, '--json']);
    const [before, after] = [first, second].map((run) => JSON.parse(run.stdout) as { counts: { reusedPages: number }; problems: unknown[] });
    expect(before?.counts.reusedPages).toBe(0);
    expect(after?.counts.reusedPages).toBe(pages);
    expect(after?.problems).toEqual(before?.problems);
    expect(after?.problems).toContainEqual(expect.objectContaining({ code: 'html/element-permitted-content', file: 'tags/index.html' }));

    await edit(path.join(copy, 'tags', 'index.html'), (html) => html.replace('<ul><div>Not a list item</div></ul>', ''));
    const third = await runCliCaptured(['check', root, '--out', copy]);
    expect(third.code).toBe(0);
    expect(third.stdout).toMatch(new RegExp(`Checked ${pages} pages \\(${pages - 1} unchanged\\), .*: no problems\\.`));
  });

  it('prints the report as JSON with --json', async () => {
    const copy = await copyOutput();
    await fs.rm(path.join(copy, 'images', 'family-hub.svg'));
    const run = await runCliCaptured(['check', root, '--out', copy, '--json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { ok: boolean; seconds: number; counts: Record<string, number>; problems: Record<string, unknown>[] };
    expect(report.ok).toBe(false);
    expect(report.counts).toMatchObject({ pages, calendars, externalLinks: 0, browserPages: 0 });
    expect(report.counts.links).toBeGreaterThan(1000);
    expect(report.problems).toContainEqual({
      severity: 'error',
      code: 'check/broken-link',
      message: '<img src="/images/family-hub.svg"> → no such file',
      file: '2026/02/family-hubs-open/index.html',
      line: expect.any(Number),
      column: expect.any(Number),
      hint: expect.stringContaining('Fix the link'),
    });
  });

  it('finds a page no link leads to', async () => {
    const copy = await copyOutput();
    await fs.mkdir(path.join(copy, 'forgotten'));
    await fs.copyFile(path.join(copy, 'about', 'index.html'), path.join(copy, 'forgotten', 'index.html'));
    const run = await runCliCaptured(['check', root, '--out', copy]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Pages no link leads to \(1\) \[check\/unreachable\]\n {2}forgotten\/index\.html: no link from the home page or the sitemap leads to this page/);
  });

  it('finds a feed that does not parse and a calendar without events’ start', async () => {
    const copy = await copyOutput();
    await edit(path.join(copy, 'atom.xml'), (xml) => xml.slice(0, xml.length / 2));
    await edit(path.join(copy, 'events', 'practice-week', 'event.ics'), (ics) => ics.replace(/^DTSTART.*\r?\n/m, ''));
    const run = await runCliCaptured(['check', root, '--out', copy]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Feeds that do not parse \(1\) \[check\/feed\]\n {2}atom\.xml:\d+:\d+: not well-formed XML/);
    expect(run.stderr).toMatch(/events\/practice-week\/event\.ics: event "Northmoor practice week 2026" has no DTSTART/);
  });
});

describe('sectorpress check under a base path', () => {
  it('passes the example built for /blog/, and reports a link that leaves the base path', async () => {
    const blogRoot = await copyExample();
    const built = await build({ root: blogRoot, now: EXAMPLE_NOW, cache: false, baseUrl: 'https://www.council.example.gov.uk/blog' });
    const passed = await runCliCaptured(['check', blogRoot, '--base-url', 'https://www.council.example.gov.uk/blog']);
    expect(passed.stderr).toBe('');
    expect(passed.code).toBe(0);

    await edit(path.join(built.outDir, 'about', 'index.html'), (html) => html.replace('<main id="main"', '<p><a href="/accessibility/">Accessibility</a></p><main id="main"'));
    const failed = await runCliCaptured(['check', blogRoot, '--base-url', 'https://www.council.example.gov.uk/blog']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/about\/index\.html:\d+:\d+: <a href="\/accessibility\/"> → outside the base path \/blog\//);
  });

  it('checks a site built with --base-url under that path when run without it, and says so', async () => {
    const blogRoot = await copyExample();
    await build({ root: blogRoot, now: EXAMPLE_NOW, cache: false, baseUrl: 'https://www.council.example.gov.uk/blog' });
    const run = await runCliCaptured(['check', blogRoot]);
    expect(run.stderr).toBe('This site was built for /blog/; checking it there.');
    expect(run.code).toBe(0);
  });

  it('says when there is nothing built to check', async () => {
    const empty = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-check-empty-'));
    const run = await runCliCaptured(['check', empty]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/holds no built site \(no index\.html\)\.\n {2}Build it first: sectorpress build/);
  });
});
