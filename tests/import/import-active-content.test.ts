// Issue 26, finding 2: what an imported post keeps as HTML (figures with captions, complex tables, iframes,
// video, audio, object, embed) and the links the importer builds itself never carry script into the new site.
// Hostile posts are generated here, converted, rendered by sectorpress's own (trusting) Markdown renderer and
// parsed back with a real HTML parser.
import path from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { describe, expect, it } from 'vitest';
import { convertPostHtml } from '../../src/import/convert-post-html.js';
import { convertShortcodes } from '../../src/import/convert-shortcodes.js';
import { createProcessors } from '../../src/markdown/create-processor.js';
import { renderMarkdown } from '../../src/markdown/render-markdown.js';
import { buildImported, freshSitePath } from '../support/import-site.js';
import { runCliCaptured } from '../support/run-cli.js';
import { readText, readTree } from '../support/site-folder.js';
import { writeExport } from '../support/wxr-export.js';

const SITE = 'https://hostile.example.org';
const processors = createProcessors();

/** `javascript:` as browsers still read it: any case, entity-encoded, with tabs, newlines and spaces in or around it. */
const SCRIPT_URLS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'jav&#x09;ascript:alert(1)',
  'jav&#10;ascript:alert(1)',
  '&#106;avascript:alert(1)',
  ' \tjavascript:alert(1)',
  '&#x01;javascript:alert(1)',
  'vbscript:msgbox(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
];

/** Each vector, inside each place the converter keeps HTML as written. */
function hostilePost(url: string): string {
  return [
    `<figure><img src="${SITE}/wp-content/uploads/a.jpg" onerror="alert(1)" alt="A"><script>alert(2)</script><figcaption><a href="${url}" onclick="alert(3)">Caption</a></figcaption></figure>`,
    `<table><tr><td colspan="2"><a href="${url}">cell</a><img src="${url}" alt="x"><form action="${url}"><button formaction="${url}">Go</button></form><style>body{display:none}</style></td></tr><tr><td>a</td><td>b</td></tr></table>`,
    `<iframe src="${url}" srcdoc="<script>alert(4)</script>" onload="alert(5)"></iframe>`,
    `<iframe src="https://www.youtube.com/embed/abc" width="560" height="315" allowfullscreen></iframe>`,
    `<video src="${url}" poster="${url}" onplay="alert(6)" controls><source src="${url}"><track src="${url}"></video>`,
    `<audio src="${url}" onerror="alert(7)" controls></audio>`,
    `<object data="${url}"><param name="movie" value="x"><embed src="${url}"></object>`,
    `<blockquote cite="${url}"><p>Quote <svg><script>alert(8)</script></svg></p></blockquote>`,
    `<p><a href="${url}">A link</a></p>`,
    `[embed]${url}[/embed]`,
    `[video src="${url}"]`,
    `[audio mp3="${url}"]`,
    `[caption]<a href="${url}"><img src="${SITE}/wp-content/uploads/b.jpg" alt="B"></a> A caption[/caption]`,
  ].join('\n\n');
}

function elements(tree: Root | Element): Element[] {
  return tree.children.flatMap((child) => (child.type === 'element' ? [child, ...elements(child)] : []));
}

const URL_PROPERTIES = ['href', 'src', 'poster', 'cite', 'data', 'action', 'formAction', 'srcSet'];

/** Everything on the page that could run script, as readable strings. */
function activeContent(html: string): string[] {
  const found: string[] = [];
  for (const node of elements(fromHtml(html, { fragment: true }))) {
    if (['script', 'style', 'form', 'svg', 'base', 'meta'].includes(node.tagName)) found.push(`<${node.tagName}>`);
    for (const [key, value] of Object.entries(node.properties)) {
      if (/^on/i.test(key) || key === 'srcDoc') found.push(`${node.tagName} ${key}`);
      const text = Array.isArray(value) ? value.join(' ') : String(value);
      if (URL_PROPERTIES.includes(key) && !/^(https?:|mailto:|tel:|[/#?.]|[^:]*$)/i.test(text.trim())) found.push(`${node.tagName} ${key}=${text}`);
    }
  }
  return found;
}

describe('imported HTML keeps no active content', () => {
  for (const url of SCRIPT_URLS) {
    it(`publishes no script, handler, srcdoc or unsafe link for ${JSON.stringify(url)}`, async () => {
      for (const classic of [true, false]) {
        const converted = convertPostHtml(hostilePost(url), { classic, siteUrl: SITE });
        const page = (await renderMarkdown(processors, converted.markdown)).html;
        expect(activeContent(page), `${classic ? 'classic' : 'block'} post:\n${converted.markdown}`).toEqual([]);
        expect(converted.markdown).not.toMatch(/javascript:|vbscript:|data:text|srcdoc|onerror|onclick|<script/i);
        // What is legitimately there stays.
        expect(page).toContain('<iframe src="https://www.youtube.com/embed/abc" width="560" height="315" allowfullscreen></iframe>');
        expect(page).toMatch(/<figure><img src="https:\/\/hostile\.example\.org\/wp-content\/uploads\/a\.jpg" alt="A"><figcaption>(?:<span>)?Caption/);
        expect(page).toContain('<video controls>');
        expect(page).toContain('A caption');
        expect(converted.media).toEqual([`${SITE}/wp-content/uploads/a.jpg`, `${SITE}/wp-content/uploads/b.jpg`]);
      }
    });
  }

  it('never builds an [embed], [video] or [audio] link whose address is not a web address', () => {
    for (const url of SCRIPT_URLS) {
      const { html } = convertShortcodes(`[embed]${url}[/embed] [video src="${url}"] [audio mp3="${url}"] [video]${url}[/video]`);
      expect(html, url).not.toContain('<a');
    }
    expect(convertShortcodes('[embed]https://www.youtube.com/watch?v=abc[/embed]').html).toBe('<p><a href="https://www.youtube.com/watch?v=abc">Video on YouTube</a></p>');
  });

  it('removes elements that run or load content, and unsafe srcset candidates, from what stays HTML', async () => {
    const html = [
      '<figure><img src="https://a.example/ok.jpg" srcset="javascript:alert(1) 1x, https://a.example/ok-2x.jpg 2x" alt="Ok">',
      '<math><mi>x</mi></math><template><img src=x onerror=alert(1)></template><noscript><img src=x onerror=alert(2)></noscript>',
      '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/"><link rel="stylesheet" href="https://evil.example/x.css">',
      '<input type="image" src="https://evil.example/x.png"><figcaption>Shown</figcaption></figure>',
    ].join('');
    const converted = convertPostHtml(html, { classic: false, siteUrl: SITE });
    const page = (await renderMarkdown(processors, converted.markdown)).html;
    expect(page).toBe('<figure><img src="https://a.example/ok.jpg" alt="Ok"><figcaption>Shown</figcaption></figure>');
    expect(converted.media).toEqual(['https://a.example/ok.jpg', 'https://a.example/ok-2x.jpg']);
    expect(converted.removed).toEqual({ script: 0, handler: 0, srcdoc: 0, url: 1, element: 6 });
  });

  it('leaves out an image whose only source was unsafe, and keeps the words of a link whose address was', () => {
    const { markdown } = convertPostHtml('<p>See <a href="javascript:alert(1)">the plan</a><img src="data:image/png;base64,AAAA" alt="Plan"></p>', { classic: false, siteUrl: SITE });
    expect(markdown).toBe('See the plan\n');
  });

  it('counts what it removed, by kind', () => {
    const { removed } = convertPostHtml(hostilePost('javascript:alert(1)'), { classic: false, siteUrl: SITE });
    expect(removed).toEqual({
      script: 1,
      handler: 5,
      srcdoc: 1,
      // figcaption a, cell a, img, form action, formaction, iframe, video src+poster, source, track, audio, object, embed, cite, p a, [embed], [video], [audio], caption a
      url: 19,
      // form, button, style, svg
      element: 4,
    });
  });

  it('keeps http(s), mailto, tel and relative links, written with spaces or an upper-case scheme', async () => {
    const html =
      '<p><a href=" HTTPS://a.example/x ">a</a> <a href="mailto:info@a.example">b</a> <a href="tel:+441234">c</a> <a href="/about/">d</a> <a href="#top">e</a> <a href="page.html?x=1:2">f</a></p>';
    const converted = convertPostHtml(html, { classic: false, siteUrl: SITE });
    expect(converted.markdown).toBe('[a](https://a.example/x) [b](mailto:info@a.example) [c](tel:+441234) [d](/about/) [e](#top) [f](page.html?x=1:2)\n');
    expect(Object.values(converted.removed).every((count) => count === 0)).toBe(true);
  });
});

describe('import wordpress: removed active content in the report', () => {
  it('lists it per kind and per post, imports the clean post as before, and builds a site with no script from the posts', async () => {
    const file = await writeExport(
      [
        { id: 1, title: 'Open day', slug: 'open-day', content: 'Come along on Saturday.\n\n<iframe src="https://www.youtube.com/embed/abc" width="560" height="315"></iframe>' },
        { id: 2, title: 'Library news', slug: 'library-news', content: hostilePost('jav&#x09;ascript:alert(1)') },
      ].map((post) => ({ ...post, date: '2024-03-05 09:00:00', link: `${SITE}/?p=${post.id}` })),
      { site: SITE },
    );
    const site = await freshSitePath();
    const run = await runCliCaptured(['import', 'wordpress', file, '--out', site]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = await readText(site, 'import-report.md');
    expect(report).toContain('| removed active content: <script> elements | 1 |');
    expect(report).toContain('| removed active content: event-handler attributes (onclick, onerror, …) | 5 |');
    expect(report).toContain('| removed active content: srcdoc attributes | 1 |');
    expect(report).toContain('| removed active content: links or sources not http(s), mailto, tel or relative (javascript:, data:, …) | 19 |');
    expect(report).toMatch(/### post 2 “Library news”[^\n]*\n\n- had active content removed \(it could run script on the new site\): 1 <script> element, 5 event-handler attributes/);
    expect(report).not.toMatch(/### post 1 /);
    expect(await readText(site, 'posts/2024-03-05-open-day.md')).toContain('<iframe src="https://www.youtube.com/embed/abc" width="560" height="315"></iframe>');
    expect((await buildImported(site)).code).toBe(0);
    const pages = await readTree(path.join(site, '_site'));
    const post = pages.get('2024/03/library-news/index.html')?.toString('utf8') ?? '';
    expect(post).toContain('A caption');
    const body = post.slice(post.indexOf('<main'), post.indexOf('</main>'));
    expect(activeContent(body)).toEqual([]);
  }, 60_000);
});
