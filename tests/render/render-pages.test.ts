// Rendering pages: what a reader sees on each page type, and located problems when a
// template or helper fails.
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/shared/errors.js';
import { renderPages } from '../../src/render/render-pages.js';
import type { Route } from '../../src/routes/types.js';
import { textOf } from '../support/site-folder.js';
import { renderSite } from './render-site.js';

const HELPER_CONFIG = `export default { title: 'Blog', url: 'https://blog.example.org', helpers: { boom: () => { throw new Error('the helper broke'); } } };\n`;

describe('renderPages', () => {
  it('inserts the dev server snippet right before </body>', async () => {
    const { page } = await renderSite({}, { injectBeforeBodyEnd: '<script src="/__reload.js"></script>' });
    expect(page('/')).toMatch(/<script src="\/__reload\.js"><\/script><\/body>\s*<\/html>\s*$/);
  });

  it('names the template, line, column, helper and page when a helper throws', async () => {
    const { problems } = await renderSite({
      'sectorpress.config.json': null,
      'sectorpress.config.mjs': HELPER_CONFIG,
      'theme/page.hbs': '<h1>{{page.title}}</h1>\n<p>\n  {{boom page.title}}\n</p>\n',
    });
    const problem = problems.find((candidate) => candidate.code === 'theme/render');
    expect(problem).toMatchObject({ severity: 'error', file: 'theme/page.hbs', line: 3, column: 3 });
    expect(problem?.message).toContain('/accessibility/');
    expect(problem?.message).toContain('"boom" helper');
    expect(problem?.message).toContain('the helper broke');
  });

  it('names the partial, not the template that included it, when a helper fails inside a partial', async () => {
    const { problems } = await renderSite({
      'sectorpress.config.json': null,
      'sectorpress.config.mjs': HELPER_CONFIG,
      'theme/partials/post-nav.hbs': '\n\n{{boom "x"}}',
    });
    const problem = problems.find((candidate) => candidate.code === 'theme/render');
    expect(problem && formatProblem(problem)).toMatch(/^theme\/partials\/post-nav\.hbs:3:1 error: Rendering \/\d{4}\/\d\d\/\w+\/ failed in the "boom" helper/);
    // Reported once for the partial, not once per post.
    expect(problems.filter((candidate) => candidate.code === 'theme/render')).toHaveLength(1);
  });

  it('reports a missing template naming every name it tried', async () => {
    const { site, theme } = await (async () => {
      const rendered = await renderSite();
      return { site: rendered, theme: rendered.theme };
    })();
    const route: Route = { ...site.routes[0]!, templates: ['nowhere-special', 'nowhere'] };
    const { loadSite } = await import('../../src/build.js');
    const loaded = await loadSite({ root: site.root, now: '2024-06-01T12:00:00Z', cache: false, workers: 0 });
    const result = renderPages(loaded.site, [route], theme, {});
    expect(result.problems).toContainEqual(expect.objectContaining({ code: 'theme/missing-template', message: expect.stringContaining('nowhere-special.hbs, nowhere.hbs') }));
  });

  it('keeps a </script> in a title inside the JSON-LD block', async () => {
    const { page } = await renderSite({ 'posts/2024-04-01-hostile.md': '---\ntitle: "Bad </script><script>alert(1)</script> & \u2028 title"\ndate: 2024-04-01\n---\n\nBody.\n' });
    const html = page('/2024/04/hostile/');
    const scripts = html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g) ?? [];
    expect(scripts).toHaveLength(1);
    const json = JSON.parse(scripts[0]!.replace(/^<script[^>]*>/, '').replace(/<\/script>$/, '')) as { headline: string; '@type': string };
    expect(json['@type']).toBe('BlogPosting');
    expect(json.headline).toBe('Bad </script><script>alert(1)</script> & \u2028 title');
    expect(html).not.toContain('<script>alert(1)');
  });

  it('shows the tag heading with the tag as written, and post cards by default', async () => {
    const { page } = await renderSite();
    const html = page('/tag/childrens-services/');
    expect(textOf(html)).toContain('Posts Tagged ‘Children’s services’');
    expect(html).toContain('class="card"');
    expect(html).not.toContain('The first paragraph of First post.</p>\n<h2');
  });

  it("shows whole posts one after another on tag pages with tagPages: 'full'", async () => {
    const { page } = await renderSite({ 'sectorpress.config.json': JSON.stringify({ title: 'Blog', url: 'https://blog.example.org', tagPages: 'full' }) });
    const text = textOf(page('/tag/childrens-services/'));
    expect(text).toMatch(/Second post .*The first paragraph of Second post\. A section More words\..*First post .*The first paragraph of First post\. A section More words\./);
  });

  it('says where you are in a paginated list and links the neighbours with rel', async () => {
    const { page } = await renderSite();
    const second = page('/page/2/');
    expect(textOf(second)).toContain('Page 2 of 2');
    expect(second).toContain('<link rel="canonical" href="https://blog.example.org/page/2/">');
    expect(second).toContain('<link rel="prev" href="https://blog.example.org/">');
    expect(second).toMatch(/<a href="\/" rel="prev">/);
    expect(textOf(page('/'))).toContain('Page 1 of 2');
  });

  it('shows the next upcoming event band with the short date, on every page', async () => {
    const { page } = await renderSite();
    for (const url of ['/', '/2024/01/first/', '/tags/', '/accessibility/']) {
      const text = textOf(page(url));
      expect(text).toContain('Next Upcoming Event');
      expect(text).toContain('Tue, 09 Jul 24 10:00');
    }
    // …but not beside the event itself, which would only repeat the page.
    expect(textOf(page('/events/regional-forum/'))).not.toContain('Next Upcoming Event');
  });

  it('shows no event band when nothing is upcoming', async () => {
    const { page } = await renderSite({ 'events/regional-forum.md': '---\ntitle: Regional forum\nstart: 2023-07-09 10:00\n---\n\nPast.\n' });
    expect(textOf(page('/'))).not.toContain('Next Upcoming Event');
  });

  it('shows the post furniture: standfirst, byline with avatar, tags, author box, top link', async () => {
    const { page } = await renderSite();
    const html = page('/2024/01/first/');
    const text = textOf(html);
    expect(text).toContain('The standfirst of the first post.');
    expect(html).toMatch(/<img[^>]+src="\/images\/amara\.png"[^>]+alt="Writer’s picture: Amara Okafor"/);
    expect(text).toMatch(/Tags assigned to this article: Children’s services ?, Ofsted/);
    expect(html).toContain('href="mailto:amara.okafor@example.org"');
    expect(text).toContain('Amara has led the directorate since 2021.');
    expect(text).toContain('Top of page');
    expect(text).toContain('Related Blog Articles');
  });

  it('leaves the subscribe block out unless the config asks for it', async () => {
    const plain = await renderSite();
    expect(plain.page('/2024/01/first/')).not.toContain('class="subscribe"');
    const withCta = await renderSite({
      'sectorpress.config.json': JSON.stringify({
        title: 'Blog',
        url: 'https://blog.example.org',
        subscribe: { title: 'Join us', text: 'Members get more.', url: 'https://example.org/join', label: 'Become a member' },
      }),
    });
    const text = textOf(withCta.page('/2024/01/first/'));
    expect(text).toContain('Join us');
    expect(text).toContain('Become a member');
  });

  it('lets data/strings.yml change a label', async () => {
    const { page } = await renderSite({ 'data/strings.yml': 'topOfPage: Back to the top\n' });
    expect(textOf(page('/2024/01/first/'))).toContain('Back to the top');
  });

  it('escapes markup in titles and summaries everywhere', async () => {
    const { files } = await renderSite({ 'posts/2024-04-01-x.md': '---\ntitle: "<b>bold</b> & co"\nsummary: "<i>standfirst</i>"\ndate: 2024-04-01\n---\n\nBody.\n' });
    for (const [file, html] of files) {
      if (!file.endsWith('.html')) continue;
      expect(String(html), file).not.toContain('<b>bold</b>');
      expect(String(html), file).not.toContain('<i>standfirst</i>');
    }
  });
});
