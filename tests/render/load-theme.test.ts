// The theme loader: three layers, first match wins per relative path; syntax errors and
// missing layouts are located problems; assets get content-hashed names; strings merge.
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/shared/errors.js';
import { textOf } from '../support/site-folder.js';
import { renderSite } from './render-site.js';

describe('loadTheme', () => {
  it('renders the whole site from the bundled theme with no problems', async () => {
    const { problems, page } = await renderSite();
    expect(problems).toEqual([]);
    expect(page('/')).toContain('<!doctype html>');
  });

  it('lets one partial in the site theme/ folder replace only that partial', async () => {
    const plain = await renderSite();
    const custom = await renderSite({ 'theme/partials/byline.hbs': '<p class="my-byline">Written by {{#each authors}}{{name}}{{/each}}</p>\n' });
    expect(custom.problems).toEqual([]);
    const post = custom.page('/2024/01/first/');
    expect(post).toContain('<p class="my-byline">Written by Amara Okafor</p>');
    expect(post).not.toContain('class="byline"');
    // Everything that does not include the byline is byte-identical.
    expect(custom.page('/tags/')).toBe(plain.page('/tags/'));
    expect(custom.page('/events/regional-forum/')).toBe(plain.page('/events/regional-forum/'));
  });

  it('takes a template from a configured theme folder and everything else from the bundled theme', async () => {
    const { problems, page } = await renderSite({
      'sectorpress.config.json': JSON.stringify({ title: 'Forked', url: 'https://blog.example.org', theme: './my-theme' }),
      'my-theme/page.hbs': '<h1 class="forked">{{page.title}}</h1>',
    });
    expect(problems).toEqual([]);
    expect(page('/accessibility/')).toContain('<h1 class="forked">Accessibility statement</h1>');
    expect(page('/accessibility/')).toContain('class="skip-link"');
  });

  it('prefers the site theme/ folder over the configured theme', async () => {
    const { page } = await renderSite({
      'sectorpress.config.json': JSON.stringify({ title: 'Forked', url: 'https://blog.example.org', theme: './my-theme' }),
      'my-theme/page.hbs': '<h1>fork</h1>',
      'theme/page.hbs': '<h1>site override</h1>',
    });
    expect(page('/accessibility/')).toContain('<h1>site override</h1>');
  });

  it('reports an unclosed block where it was opened, with the file, line and column', async () => {
    const { problems } = await renderSite({ 'theme/partials/byline.hbs': '<div>\n  {{#if authors}}\n  <p>unclosed</p>\n' });
    const problem = problems.find((candidate) => candidate.code === 'theme/syntax');
    expect(problem).toMatchObject({ severity: 'error', file: 'theme/partials/byline.hbs', line: 2, column: 3 });
    expect(problem?.message).toMatch(/never closed/);
  });

  it('points at the exact column of a stray character', async () => {
    const { problems } = await renderSite({ 'theme/page.hbs': '<h1>{{page.title}}</h1>\n<p>{{page.summary}</p>\n' });
    expect(problems.map(formatProblem).join('\n')).toContain('theme/page.hbs:2:18');
  });

  it('reports a compile-time mistake (a partial given two contexts) with its location', async () => {
    const { problems } = await renderSite({ 'theme/page.hbs': '<h1>x</h1>\n  {{> byline page other}}\n' });
    expect(problems).toContainEqual(expect.objectContaining({ code: 'theme/syntax', file: 'theme/page.hbs', line: 2, column: 3 }));
  });

  it('reports a theme without a layout as an error naming default.hbs', async () => {
    const { problems } = await renderSite({
      'sectorpress.config.json': JSON.stringify({ title: 'Forked', url: 'https://blog.example.org', theme: './my-theme' }),
      'my-theme/page.hbs': '<h1>fork</h1>',
      'theme/default.hbs': '{{#if}}',
    });
    expect(problems).toContainEqual(expect.objectContaining({ code: 'theme/syntax', file: 'theme/default.hbs' }));
  });

  it('gives assets content-hashed names and serves the hashed URL through {{asset}}', async () => {
    const plain = await renderSite();
    const changed = await renderSite({ 'theme/assets/css/site.css': 'body { color: black; }\n' });
    const [plainCss] = [...plain.files.keys()].filter((file) => /^assets\/css\/site\.[0-9a-f]{10}\.css$/.test(file));
    const [changedCss] = [...changed.files.keys()].filter((file) => /^assets\/css\/site\.[0-9a-f]{10}\.css$/.test(file));
    expect(plainCss).toBeDefined();
    expect(changedCss).toBeDefined();
    expect(changedCss).not.toBe(plainCss);
    expect(String(changed.files.get(changedCss ?? ''))).toBe('body { color: black; }\n');
    expect(changed.page('/')).toContain(`<link rel="stylesheet" href="/${changedCss}">`);
  });

  it('merges strings key by key: a site can change one label', async () => {
    const { page } = await renderSite({ 'theme/locales/en-GB.json': JSON.stringify({ 'related.heading': 'More like this' }) });
    const html = page('/2024/01/first/');
    expect(html).toContain('More like this');
    expect(html).toContain('Tags assigned to this article:');
  });

  it('uses a Welsh strings file for a Welsh-language site: the site’s keys over the bundled Welsh file, key by key', async () => {
    const { page } = await renderSite({
      'sectorpress.config.json': JSON.stringify({ title: 'Blog', url: 'https://blog.example.org', language: 'cy' }),
      'theme/locales/cy.json': JSON.stringify({ topOfPage: 'Yn ôl i’r brig' }),
    });
    const html = page('/2024/01/first/');
    expect(html).toContain('Yn ôl i’r brig');
    expect(html).toContain('<html lang="cy">');
    // Not overridden by the site: the bundled theme's Welsh (issue #14), no longer English.
    expect(html).toContain('Tagiau’r erthygl hon:');
    expect(html).not.toContain('Tags assigned to this article:');
  });

  it('reports a strings file that is not JSON', async () => {
    const { problems } = await renderSite({ 'theme/locales/en-GB.json': '{ "topOfPage": "x", }' });
    expect(problems).toContainEqual(expect.objectContaining({ code: 'theme/json', file: 'theme/locales/en-GB.json' }));
  });

  it('renders a tag page with the site’s tag-<slug>.hbs when there is one, else the theme’s tag.hbs', async () => {
    const { page } = await renderSite({ 'theme/tag-ofsted.hbs': '<h1>Ofsted</h1>' });
    expect(page('/tag/ofsted/')).toContain('<h1>Ofsted</h1>');
    expect(page('/tag/workforce/')).not.toContain('<h1>Ofsted</h1>');
    expect(page('/tag/workforce/')).toContain('workforce');
  });

  it('reads theme options from theme.json defaults, lets the site set them, and warns about unknown ones', async () => {
    const plain = await renderSite();
    expect(plain.page('/')).toContain('<a href="/accessibility/">Accessibility statement</a>');
    expect(textOf(plain.page('/2024/01/first/'))).toMatch(/1 minute read/);
    const custom = await renderSite({
      'sectorpress.config.json': JSON.stringify({
        title: 'Blog',
        url: 'https://blog.example.org',
        themeOptions: { accessibilityUrl: '/about/accessibility/', showReadingTime: false, showReadingTme: true },
      }),
    });
    expect(custom.page('/')).toContain('<a href="/about/accessibility/">Accessibility statement</a>');
    expect(textOf(custom.page('/2024/01/first/'))).not.toMatch(/minute read/);
    expect(custom.problems).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'theme/unknown-option', message: 'The theme does not read the option "showReadingTme".', file: 'sectorpress.config.json' }),
    ]);
  });
});
