// Issue 26, finding 8: conversion scans each post once. Each case here took minutes (quadratic rescans for a
// closer that never comes) and is bounded by vitest's timeout as a hang guard; each also checks the result is
// right, so it cannot pass by giving up.
import { describe, expect, it } from 'vitest';
import { autoParagraphs } from '../../src/import/auto-paragraphs.js';
import { convertPostBounded } from '../../src/import/convert-post-bounded.js';
import { convertPostHtml } from '../../src/import/convert-post-html.js';
import { convertShortcodes } from '../../src/import/convert-shortcodes.js';
import { forwardSearch } from '../../src/import/forward-search.js';
import { replaceShortcodes } from '../../src/import/parse-shortcodes.js';
import { htmlToText } from '../../src/import/plain-text.js';

const SITE = 'https://blog.example.org';
const GUARD = { timeout: 20_000 };
/** The whole 1.8 MB post through the HTML and Markdown libraries: seconds, where the old scan took over 300 s. */
const WHOLE_POST_GUARD = { timeout: 60_000 };

const count = (text: string, part: string): number => text.split(part).length - 1;

describe('conversion in one pass', () => {
  it('converts 200,000 unclosed [gallery openers (1.8 MB) as text', WHOLE_POST_GUARD, () => {
    const html = '[gallery '.repeat(200_000);
    const converted = convertPostHtml(html, { classic: true, siteUrl: SITE });
    expect(count(converted.markdown, 'gallery')).toBe(200_000);
    expect(converted.unknownShortcodes).toEqual([]);
  });

  it('still finds the real shortcode after 100,000 openers that never close', GUARD, () => {
    // Names that run on into the next opener (`[gallery[gallery…`) are not shortcodes; `[caption]`s never closed have no content.
    const text = `${'[gallery'.repeat(50_000)}${'[caption]'.repeat(50_000)}[gallery ids="7"] and [embed]https://vimeo.com/1[/embed]`;
    const names: string[] = [];
    replaceShortcodes(text, ['gallery', 'caption', 'embed'], (code) => {
      names.push(`${code.name}:${code.attrs.named.ids ?? code.content ?? ''}`);
      return '';
    });
    expect(names.length).toBe(50_002);
    expect(names.slice(-3)).toEqual(['caption:', 'gallery:7', 'embed:https://vimeo.com/1']);
    const { html } = convertShortcodes(`${'[embed]'.repeat(100_000)}x`);
    expect(html).toBe('x');
  });

  it('makes paragraphs of 100,000 tags left without their >, lines of spaces, and shortcode-like lines', GUARD, () => {
    expect(autoParagraphs('<p '.repeat(100_000)).length).toBeGreaterThan(300_000);
    expect(autoParagraphs(`a${' '.repeat(200_000)}\nb`)).toBe('<p>a<br>\nb</p>');
    expect(count(autoParagraphs('[a x\n'.repeat(100_000)), '<br>')).toBe(99_999);
  });

  it('removes block-editor comments, <!--more--> and <pre> openers that never close, keeping the text', GUARD, () => {
    // An unclosed comment runs to the end of the post, as in a browser; an unclosed `<pre` is one odd tag.
    for (const opener of ['<!-- wp:paragraph ', '<!--more ']) {
      expect(convertPostHtml(`<p>Start.</p>${opener.repeat(100_000)}<p>End.</p>`, { classic: false, siteUrl: SITE }).markdown, opener).toBe('Start.\n');
    }
    expect(convertPostHtml(`<p>Start.</p>${'<pre '.repeat(100_000)}>End.</pre>`, { classic: false, siteUrl: SITE }).markdown).toMatch(/^Start\.\n\n```\nEnd\.\n```\n$/);
    expect(convertPostHtml('<!-- wp:paragraph --><p>Kept</p><!-- /wp:paragraph -->', { classic: false, siteUrl: SITE }).markdown).toBe('Kept\n');
  });

  it('reads titles and comments with 100,000 unclosed <script>, <!-- and < as text', GUARD, () => {
    expect(htmlToText(`Hello${'<script>'.repeat(100_000)}`)).toBe('Hello');
    expect(htmlToText(`Hi${'<!--'.repeat(100_000)}`).length).toBe(2 + 4 * 100_000);
    expect(htmlToText(`a${'<b'.repeat(100_000)}`).length).toBe(1 + 2 * 100_000);
    expect(htmlToText('<p>Kept</p><script>x</script><!-- note --><style>y</style>')).toBe('Kept');
  });

  it('refuses a 5 MB classic post of a million lines at once, naming why', GUARD, () => {
    const result = convertPostBounded('word\n'.repeat(1_000_000), { classic: true, siteUrl: SITE });
    expect(result).toEqual({ failure: 'its text has 1000000 HTML tags and lines, over the 100000 the import converts in one post' });
  });
});

describe('convertPostBounded: the build’s limits', () => {
  it('refuses a body over the size limit, and stops one over its time at the next step, naming why', () => {
    const html = '<p>An ordinary post.</p>';
    expect(convertPostBounded(html, { classic: false, siteUrl: SITE }, undefined, { maxBodyBytes: 10, timeoutMs: 10_000 })).toEqual({
      failure: 'its text is 0.0 MB, over the 0.0 MB limit for a post',
    });
    // A time limit already past: the first check between steps stops it.
    expect(convertPostBounded(html, { classic: false, siteUrl: SITE }, undefined, { maxBodyBytes: 1_000_000, timeoutMs: -1 })).toEqual({
      failure: 'converting it took longer than -0.001 s, the limit for its size',
    });
    expect(convertPostBounded(html, { classic: false, siteUrl: SITE })).toMatchObject({ post: { markdown: 'An ordinary post.\n' } });
  });
});

describe('forwardSearch', () => {
  it('answers repeated searches from growing positions without searching again', () => {
    const text = `${'['.repeat(10_000)}]`;
    let searches = 0;
    const original = String.prototype.indexOf;
    String.prototype.indexOf = function (this: string, ...args: Parameters<string['indexOf']>) {
      if (this === text) searches += 1;
      return original.apply(this, args);
    } as typeof original;
    try {
      const next = forwardSearch(text, ']');
      for (let from = 0; from < 10_000; from += 1) expect(next(from)?.start).toBe(10_000);
      expect(next(10_001)).toBeUndefined();
    } finally {
      String.prototype.indexOf = original;
    }
    // One search for the `]`, one after it: not one per opener.
    expect(searches).toBe(2);
  });
});
