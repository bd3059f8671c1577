// `sectorpress import wordpress` end to end: a WXR export written for these tests is imported with the
// real CLI, then built with the real build; assertions are on the site folder and the built output.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildImported, freshSitePath, importFixture } from '../support/import-site.js';
import { exists, fixturePath, readText, readTree } from '../support/site-folder.js';

let site: string;
let output: Map<string, Buffer>;
let sources: Map<string, Buffer>;

beforeAll(async () => {
  site = await freshSitePath();
  const imported = await importFixture('wxr-council', site, ['--comments', '--media', path.join(fixturePath('wxr-council'), 'uploads')]);
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
  const built = await buildImported(site);
  expect(built.stderr).not.toMatch(/error/);
  expect(built.code).toBe(0);
  output = await readTree(path.join(site, '_site'));
  sources = await readTree(site);
});

const textOfAll = (files: Map<string, Buffer>): string => [...files.values()].map((bytes) => bytes.toString('utf8')).join('\n');

describe('import wordpress, then build', () => {
  it('publishes the published posts and pages at their old addresses', () => {
    expect(output.has('2019/05/12/a-year-on/index.html')).toBe(true);
    expect(output.has('2020/01/03/cafe-wellbeing-what-we-learned/index.html')).toBe(true);
    expect(output.has('2021/10/22/half-term-plans/index.html')).toBe(true);
    expect(output.has('about/index.html')).toBe(true);
    expect(output.has('about/our-team/index.html')).toBe(true);
    // Plain `?p=107` permalink: the post gets the new default URL.
    expect(output.has('2018/11/winter-pressures/index.html')).toBe(true);
  });

  it('never publishes the text of private, draft, scheduled or password-protected posts, nor menus and templates', () => {
    const all = textOfAll(output);
    for (const secret of [
      'PRIVATE-ONLY-TEXT',
      'PRIVATE-EXCERPT-TEXT',
      'DRAFT-ONLY-TEXT',
      'PASSWORD-ONLY-TEXT',
      'SCHEDULED-ONLY-TEXT',
      'MENU-ITEM-TEXT',
      'TEMPLATE-PART-TEXT',
      'NAVIGATION-TEXT',
      'REUSABLE-BLOCK-TEXT',
      'EVENT-ITEM-TEXT',
      'Staffing note',
      'Panel papers',
    ]) {
      expect(all, secret).not.toContain(secret);
    }
  });

  it('does not bring a password-protected post’s text or excerpt into the site folder at all', () => {
    const all = textOfAll(sources);
    expect(all).not.toContain('PASSWORD-ONLY-TEXT');
    expect(all).toContain('password-protected on the old site');
  });

  it('keeps no commenter e-mail or IP address, and no unapproved comment or pingback, in the site folder or the output', () => {
    const all = textOfAll(sources);
    for (const secret of [
      'sam.reader.secret@mail.example',
      '203.0.113.77',
      'spammer.secret@bad.example',
      '198.51.100.23',
      '192.0.2.9',
      'SPAM-COMMENT-TEXT',
      'PINGBACK-TEXT',
      'helen.private@',
      'sam.private@',
      'priya.private@',
      'hunter2',
    ]) {
      expect(all, secret).not.toContain(secret);
    }
  });

  it('leaves no block comments or shortcodes in the built HTML', () => {
    for (const [file, bytes] of output) {
      if (!file.endsWith('.html')) continue;
      const html = bytes.toString('utf8');
      for (const leftover of ['<!-- wp:', '[caption', '[gallery', '[embed']) expect(html, `${file} ${leftover}`).not.toContain(leftover);
    }
  });

  it('shows approved comments under the post, keeps old feed ids, and pins the sticky post first', () => {
    const post = output.get('2019/05/12/a-year-on/index.html')?.toString() ?? '';
    expect(post).toContain('Sam Reader');
    expect(post).toContain('The new letters are much clearer.');
    expect(output.get('feed.xml')?.toString()).toMatch(/<guid[^>]*>https:\/\/blog\.westmarsh\.example\.gov\.uk\/\?p=101<\/guid>/);
    const home = output.get('index.html')?.toString() ?? '';
    const first = ['a-year-on', 'half-term-plans', 'cafe-wellbeing-what-we-learned', 'winter-pressures'].map((slug) => [slug, home.indexOf(`${slug}/`)] as const).filter(([, at]) => at >= 0);
    expect(first.sort((a, b) => a[1] - b[1])[0]?.[0]).toBe('a-year-on');
  });

  it('keeps the block editor footnotes (texts from the post footnotes meta)', () => {
    const post = output.get('2020/01/03/cafe-wellbeing-what-we-learned/index.html')?.toString() ?? '';
    expect(post).toContain('Prices as of January 2020, before the subsidy ended.');
  });

  it('keeps tags and categories with apostrophes and ampersands as tags, at WordPress-compatible URLs', () => {
    expect(output.has('tag/childrens-services/index.html')).toBe(true);
    expect(output.has('tag/send-inclusion/index.html')).toBe(true);
    expect(output.has('tag/cafe-wellbeing/index.html')).toBe(true);
    expect(output.get('tag/send-inclusion/index.html')?.toString()).toContain('SEND &amp; inclusion');
    // The tag only a password-protected draft used gets no page.
    expect(output.has('tag/ofsted-panels/index.html')).toBe(false);
  });

  it('writes authors with display names, the featured image with its alt text, and media copied from --media', async () => {
    const authors = await readText(site, 'data/authors.yml');
    expect(authors).toContain('Helen Marsh');
    expect(authors).toContain('Sam O’Kafor');
    expect(authors).toContain('Priya Shah');
    expect(output.get('author/sam-okafor/index.html')?.toString()).toContain('Sam O’Kafor');
    const post = output.get('2019/05/12/a-year-on/index.html')?.toString() ?? '';
    expect(post).toContain('/images/uploads/2019/05/team.jpg');
    expect(post).not.toContain('team-300x200.jpg');
    expect(output.has('images/uploads/2019/05/team.jpg')).toBe(true);
    const front = await readText(site, 'posts/2019-05-12-a-year-on.md');
    expect(front).toMatch(/^imageAlt: Members of the team$/m);
    expect(front).toMatch(/^sticky: true$/m);
    expect(front).toMatch(/^date: 2019-05-12 09:30$/m);
    expect(front).toMatch(/^updated: 2019-06-01 10:00$/m);
  });

  it('marks every non-published post as a draft; the scheduled one keeps its date', async () => {
    for (const file of ['posts/2021-02-02-staffing-note.md', 'posts/2021-03-04-panel-papers.md', 'posts/2025-11-02-half-finished-thoughts.md', 'posts/2027-03-01-budget-consultation-opens.md']) {
      expect(await readText(site, file), file).toMatch(/^draft: true$/m);
    }
    expect(await readText(site, 'posts/2027-03-01-budget-consultation-opens.md')).toMatch(/^date: 2027-03-01 09:00$/m);
  });

  it('reports counts and every warning with its post and what to do', async () => {
    const report = await readText(site, 'import-report.md');
    expect(report).toMatch(/\| posts published \| 4 \|/);
    expect(report).toMatch(/\| password-protected \(imported as drafts\) \| 1 \|/);
    expect(report).toContain('post 105 “Panel papers”');
    expect(report).toMatch(/post 108 “Half-term plans”[\s\S]*UTC\+03:00[\s\S]*--time-zone/);
    expect(report).toContain('**What to do:**');
    // A plugin's post type is left out, and said so; WordPress's own (menus, templates) are not worth a line.
    expect(report).toMatch(/post type “tribe_events”[\s\S]*1 item was left out/);
    expect(report).not.toContain('nav_menu_item');
  });
});

describe('import wordpress: the http:// namespace spelling (WXR 1.1) and a site under a path', () => {
  it('imports and builds', async () => {
    const legacy = await freshSitePath();
    const imported = await importFixture('wxr-legacy', legacy);
    expect(imported.code).toBe(0);
    expect(await readText(legacy, 'posts/2016-09-14-parents-evening-dates.md')).toMatch(/^title: Parents’ evening dates$/m);
    const built = await buildImported(legacy);
    expect(built.code).toBe(0);
    expect(await exists(path.join(legacy, '_site', 'parents-evening-dates', 'index.html'))).toBe(true);
    expect(await exists(path.join(legacy, '_site', 'tag', 'parents-evening', 'index.html'))).toBe(true);
  });
});
