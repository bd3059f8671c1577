import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertPostHtml, rewriteMediaUrls } from '../../src/import/convert-post-html.js';
import { createProcessors } from '../../src/markdown/create-processor.js';
import { renderMarkdown } from '../../src/markdown/render-markdown.js';
import { FUZZ_RUNS } from '../support/fuzz.js';

const SITE = 'https://blog.council.example';
const UPLOADS = `${SITE}/wp-content/uploads/2021/03`;
const classic = { classic: true, siteUrl: SITE };
const blocks = { classic: false, siteUrl: SITE };
const processors = createProcessors();

/** What a reader of the new site gets: the Markdown rendered by sectorpress itself. */
async function render(markdown: string): Promise<string> {
  return (await renderMarkdown(processors, markdown)).html;
}

describe('convertPostHtml: paragraphs and block-editor markup', () => {
  it('gives classic-editor posts their automatic paragraphs and line breaks', async () => {
    const html = 'Our first week in the new office.\n\nThe library reopens on Monday,\nwith longer hours.\n\n<ul>\n<li>Free Wi-Fi</li>\n<li>Study rooms</li>\n</ul>\nThanks for reading.';
    const page = await render(convertPostHtml(html, classic).markdown);
    expect(page).toContain('<p>Our first week in the new office.</p>');
    expect(page).toMatch(/<p>The library reopens on Monday,<br>\s*with longer hours.<\/p>/);
    expect(page).toMatch(/<ul>\s*<li>Free Wi-Fi<\/li>\s*<li>Study rooms<\/li>\s*<\/ul>/);
    expect(page).toContain('<p>Thanks for reading.</p>');
  });

  it('drops block-editor comments and keeps their HTML', async () => {
    const html = [
      '<!-- wp:heading {"level":3} -->',
      '<h3 class="wp-block-heading">Budget update</h3>',
      '<!-- /wp:heading -->',
      '',
      '<!-- wp:paragraph -->',
      '<p>Spending is on <strong>track</strong> for the year.</p>',
      '<!-- /wp:paragraph -->',
      '',
      '<!-- wp:quote -->',
      '<blockquote class="wp-block-quote"><p>Every pound counts.</p></blockquote>',
      '<!-- /wp:quote -->',
      '<!-- wp:separator /-->',
    ].join('\n');
    const result = convertPostHtml(html, blocks);
    expect(result.markdown).not.toContain('wp:');
    const page = await render(result.markdown);
    expect(page).not.toContain('<!--');
    expect(page).toContain('<h3 id="budget-update">Budget update</h3>');
    expect(page).toContain('<p>Spending is on <strong>track</strong> for the year.</p>');
    expect(page).toMatch(/<blockquote>\s*<p>Every pound counts.<\/p>\s*<\/blockquote>/);
  });

  it('keeps curly quotes, dashes and £ as written and decodes entities', async () => {
    const html = '<p>The council’s “Green Streets” fund – £2.5m &amp; rising; &pound;40 a head &#8211; see &lsquo;Plan&rsquo;.</p>';
    const { markdown } = convertPostHtml(html, blocks);
    expect(markdown).toContain('The council’s “Green Streets” fund – £2.5m & rising; £40 a head – see ‘Plan’.');
    expect(markdown).not.toMatch(/&(amp|pound|#8211|lsquo);|\\£/);
    expect(await render(markdown)).toContain('<p>The council’s “Green Streets” fund – £2.5m &#x26; rising; £40 a head – see ‘Plan’.</p>');
  });

  it('keeps headings, links, code and strikethrough', async () => {
    const html =
      '<h2>How to apply</h2>\n<p>Read <a href="https://www.gov.uk/apply">the guidance</a>, then run <code>apply --now</code>.</p>\n<pre><code>line one\n\nline three</code></pre>\n<p><del>Closed</del> Open</p>';
    const page = await render(convertPostHtml(html, blocks).markdown);
    expect(page).toContain('<h2 id="how-to-apply">How to apply</h2>');
    expect(page).toContain('<a href="https://www.gov.uk/apply">the guidance</a>');
    expect(page).toContain('<code>apply --now</code>');
    expect(page).toContain('<pre><code>line one\n\nline three\n</code></pre>');
    expect(page).toContain('<del>Closed</del> Open');
  });
});

describe('convertPostHtml: shortcodes and embeds', () => {
  it('turns [caption] into a figure with the image and its caption', async () => {
    const html = `[caption id="attachment_7" align="aligncenter" width="300"]<a href="${UPLOADS}/ribbon.jpg"><img class="size-medium" src="${UPLOADS}/ribbon-300x200.jpg" alt="Mayor cutting a ribbon" width="300" height="200" /></a> The mayor opens the <em>new</em> library[/caption]\n\nAfter the figure.`;
    const result = convertPostHtml(html, classic);
    const page = await render(result.markdown);
    expect(page).not.toContain('[caption');
    expect(page).toMatch(
      /<figure><a href="[^"]+\/ribbon\.jpg"><img [^>]*src="[^"]+\/ribbon-300x200\.jpg" alt="Mayor cutting a ribbon"[^>]*><\/a><figcaption>The mayor opens the <em>new<\/em> library<\/figcaption><\/figure>/,
    );
    expect(page).toContain('<p>After the figure.</p>');
  });

  it('turns [gallery ids] into the attachments’ images, captions kept, and warns about unknown ids', async () => {
    const attachments = new Map([
      ['11', { url: `${UPLOADS}/park.jpg`, alt: 'The park in spring', caption: 'Victoria Park' }],
      ['12', { url: `${UPLOADS}/pond.jpg`, alt: 'The pond' }],
    ]);
    const result = convertPostHtml('Photos from the day:\n\n[gallery columns="2" ids="11,12,99"]', classic, attachments);
    const page = await render(result.markdown);
    expect(page).not.toContain('[gallery');
    expect(page).toMatch(/<figure><img src="[^"]+\/park\.jpg" alt="The park in spring"><figcaption>Victoria Park<\/figcaption><\/figure>/);
    expect(page).toMatch(/<img src="[^"]+\/pond\.jpg" alt="The pond">/);
    expect(result.media).toEqual([`${UPLOADS}/park.jpg`, `${UPLOADS}/pond.jpg`]);
    expect(result.warnings.join(' ')).toContain('99');
  });

  it('fills a [gallery] without ids with the images attached to the post, as WordPress did before 3.5', async () => {
    const attachments = new Map([
      ['21', { url: `${UPLOADS}/choir.jpg`, alt: 'The choir', parent: '7' }],
      ['22', { url: `${UPLOADS}/programme.pdf`, parent: '7' }],
      ['23', { url: `${UPLOADS}/band.jpg`, alt: 'The band', parent: '7' }],
      ['24', { url: `${UPLOADS}/other.jpg`, alt: 'Another post’s image', parent: '8' }],
    ]);
    const result = convertPostHtml('[gallery exclude="23"]', { ...classic, postId: '7' }, attachments);
    const page = await render(result.markdown);
    expect(page).toMatch(/<img src="[^"]+\/choir\.jpg" alt="The choir">/);
    expect(page).not.toMatch(/programme|band|other/);
    expect(result.warnings).toEqual([]);
    expect(convertPostHtml('[gallery]', classic, attachments).warnings).toHaveLength(1);
  });

  it('turns [embed], bare embed URLs, [video] and [audio] into plain links, with no player scripts', async () => {
    const html = [
      'Watch the meeting:',
      '',
      'https://www.youtube.com/watch?v=Zx81Qm4&amp;t=30s',
      '',
      '[embed width="640"]https://vimeo.com/123456[/embed]',
      '',
      `[video width="640" height="360" mp4="${UPLOADS}/walkthrough.mp4"][/video]`,
      '',
      `[audio mp3="${UPLOADS}/podcast-episode-1.mp3"]`,
      '',
      'A link in a sentence: https://www.youtube.com/watch?v=inline stays text.',
    ].join('\n');
    const result = convertPostHtml(html, classic);
    const page = await render(result.markdown);
    expect(page).toContain('<a href="https://www.youtube.com/watch?v=Zx81Qm4&#x26;t=30s">Video on YouTube</a>');
    expect(page).toContain('<a href="https://vimeo.com/123456">Video on Vimeo</a>');
    expect(page).toMatch(/<a href="[^"]+\/walkthrough\.mp4">Video: walkthrough\.mp4<\/a>/);
    expect(page).toMatch(/<a href="[^"]+\/podcast-episode-1\.mp3">Audio: podcast-episode-1\.mp3<\/a>/);
    // A URL inside a sentence is not an embed: it stays where it was, as a link to itself.
    expect(page).toContain('<p>A link in a sentence: <a href="https://www.youtube.com/watch?v=inline">https://www.youtube.com/watch?v=inline</a> stays text.</p>');
    expect(page).not.toMatch(/<iframe|<script|\[embed|\[video|\[audio/);
    expect(result.media).toEqual([`${UPLOADS}/walkthrough.mp4`, `${UPLOADS}/podcast-episode-1.mp3`]);
  });

  it('leaves unknown shortcodes as visible text and lists them', async () => {
    const html = 'Get in touch:\n\n[contact-form-7 id="42" title="Contact us"]\n\n[sic] is not a shortcode, nor is [1].';
    const result = convertPostHtml(html, classic);
    expect(result.unknownShortcodes).toEqual(['contact-form-7']);
    const page = await render(result.markdown);
    expect(page).toContain('[contact-form-7 id="42" title="Contact us"]');
    expect(page).toContain('[sic] is not a shortcode, nor is [1].');
  });
});

describe('convertPostHtml: links and markers', () => {
  it('turns links to the old site’s own pages into site paths and leaves other links alone', async () => {
    const html = `<p>See <a href="${SITE}/2020/01/12/budget-day/">budget day</a>, <a href="http://www.blog.council.example/?p=42#comments">this post</a>, <a href="${SITE}/wp-content/uploads/2021/03/plan.pdf">the plan</a> and <a href="https://www.gov.uk/council-tax">GOV.UK</a>.</p>`;
    const page = await render(convertPostHtml(html, blocks).markdown);
    expect(page).toContain('<a href="/2020/01/12/budget-day/">budget day</a>');
    expect(page).toContain('<a href="/?p=42#comments">this post</a>');
    expect(page).toContain(`<a href="${SITE}/wp-content/uploads/2021/03/plan.pdf">the plan</a>`);
    expect(page).toContain('<a href="https://www.gov.uk/council-tax">GOV.UK</a>');
  });

  it('points links to attachment pages at the files themselves', async () => {
    const attachments = new Map([['31', { url: `${UPLOADS}/minutes.pdf` }]]);
    const html = `<p><a href="${SITE}/2021/03/04/meeting/minutes/" rel="attachment wp-att-31">Minutes</a> and <a href="${SITE}/?attachment_id=31">again</a>; <a href="${SITE}/?attachment_id=99">unknown</a>.</p>`;
    const result = convertPostHtml(html, blocks, attachments);
    const page = await render(result.markdown);
    expect(page).toContain(`<a href="${UPLOADS}/minutes.pdf">Minutes</a> and <a href="${UPLOADS}/minutes.pdf">again</a>`);
    expect(page).toContain('<a href="/?attachment_id=99">unknown</a>');
    expect(result.media).toEqual([`${UPLOADS}/minutes.pdf`]);
  });

  it('drops WordPress markers such as <!--more--> and shows [[escaped]] shortcodes as WordPress does', async () => {
    const html = 'Teaser.<!--more-->\n\nWrite [[gallery ids="1,2"]] to show a gallery.\n<!--nextpage-->\nPage two.';
    const result = convertPostHtml(html, classic);
    const page = await render(result.markdown);
    expect(page).not.toContain('<!--');
    expect(page).toContain('<p>Teaser.</p>');
    expect(page).toContain('<p>Write [gallery ids="1,2"] to show a gallery.</p>');
    expect(page).toContain('<p>Page two.</p>');
    expect(result.unknownShortcodes).toEqual([]);
  });
});

describe('convertPostHtml: tables, figures, iframes, footnotes', () => {
  it('turns a simple table into a Markdown table and keeps one with merged cells as HTML', async () => {
    const html = [
      '<table><thead><tr><th>Ward</th><th>Homes</th></tr></thead><tbody><tr><td>North</td><td>120</td></tr></tbody></table>',
      '<table><tr><th>Quarter</th><th>Spend</th></tr><tr><td colspan="2">Figures due in May</td></tr></table>',
    ].join('\n');
    const { markdown } = convertPostHtml(html, blocks);
    expect(markdown).toMatch(/^\| Ward +\| Homes \|$/m);
    const page = await render(markdown);
    expect(page).toMatch(/<th>Ward<\/th>\s*<th>Homes<\/th>[\s\S]*<td>North<\/td>\s*<td>120<\/td>/);
    expect(page).toContain('<td colspan="2">Figures due in May</td>');
  });

  it('keeps iframes and captioned block-editor figures as HTML', async () => {
    const html = [
      '<!-- wp:html --><iframe src="https://maps.example/embed?ward=north" title="Map of the north ward"></iframe><!-- /wp:html -->',
      `<!-- wp:image {"id":9} --><figure class="wp-block-image"><img src="${UPLOADS}/bus.jpg" alt="A new electric bus" class="wp-image-9"/><figcaption class="wp-element-caption">Route 7’s new bus</figcaption></figure><!-- /wp:image -->`,
      `<!-- wp:image --><figure class="wp-block-image"><img src="${UPLOADS}/stop.jpg" alt="Bus stop"/></figure><!-- /wp:image -->`,
    ].join('\n\n');
    const result = convertPostHtml(html, blocks);
    const page = await render(result.markdown);
    expect(page).toContain('<iframe src="https://maps.example/embed?ward=north" title="Map of the north ward"></iframe>');
    expect(page).toMatch(/<figure[^>]*><img src="[^"]+\/bus\.jpg" alt="A new electric bus"[^>]*><figcaption[^>]*>Route 7’s new bus<\/figcaption><\/figure>/);
    expect(result.markdown).toContain(`![Bus stop](${UPLOADS}/stop.jpg)`);
  });

  it('turns handwritten and block-editor footnotes into Markdown footnotes', async () => {
    const handwritten = 'Rates rose.<sup><a id="ref1" href="#fn1">1</a></sup>\n\n<ol class="footnotes"><li id="fn1">Office for National Statistics, 2020. <a href="#ref1">↩</a></li></ol>';
    const written = convertPostHtml(handwritten, classic);
    expect(written.markdown).toContain('[^1]: Office for National Statistics, 2020.');
    const page = await render(written.markdown);
    expect(page).toMatch(/Rates rose\.<sup><a href="#user-content-fn-1"[^>]*>1<\/a><\/sup>/);
    expect(page).toMatch(/<section[^>]*data-footnotes[\s\S]*Office for National Statistics, 2020\./);
    expect(page).not.toContain('↩</a> <a');

    const blockHtml = '<!-- wp:paragraph --><p>Waiting lists fell<sup data-fn="5f1c" class="fn"><a href="#5f1c" id="5f1c-link">1</a></sup>.</p><!-- /wp:paragraph --><!-- wp:footnotes /-->';
    const block = convertPostHtml(blockHtml, { ...blocks, footnotes: [{ id: '5f1c', content: 'NHS data, <em>March</em>.' }] });
    const blockPage = await render(block.markdown);
    expect(blockPage).toMatch(/Waiting lists fell<sup><a href="#user-content-fn-1"/);
    expect(blockPage).toMatch(/data-footnotes[\s\S]*NHS data, <em>March<\/em>\./);
  });

  it('turns footnote plugins’ shortcodes ([ref], [footnote], [efn_note]) into Markdown footnotes', async () => {
    const html = 'Fly-tipping fell by a third.[ref]Council survey, <a href="https://example.org/survey">2022</a>.[/ref] Recycling rose.[efn_note]Defra figures.[/efn_note]';
    const result = convertPostHtml(html, classic);
    expect(result.unknownShortcodes).toEqual([]);
    const page = await render(result.markdown);
    expect(page).toMatch(/Fly-tipping fell by a third\.<sup><a href="#user-content-fn-1"[^>]*>1<\/a><\/sup> Recycling rose\.<sup><a href="#user-content-fn-2"/);
    expect(page).toMatch(/data-footnotes[\s\S]*Council survey, <a href="https:\/\/example.org\/survey">2022<\/a>\.[\s\S]*Defra figures\./);
    expect(page).not.toContain('[ref]');
  });
});

describe('convertPostHtml media and rewriteMediaUrls', () => {
  it('collects every media URL as written: src, srcset, upload links; not other links', () => {
    const html = `<p><img src="${UPLOADS}/hall-300x200.jpg" srcset="${UPLOADS}/hall-300x200.jpg 300w, ${UPLOADS}/hall-1024x683.jpg 1024w" alt="Town hall"></p><p><a href="/wp-content/uploads/2021/03/minutes.pdf">Minutes (PDF)</a> and <a href="https://www.gov.uk/">GOV.UK</a> and <img src="https://council.files.wordpress.com/2021/03/map.png?w=640" alt="Map"></p>`;
    expect(convertPostHtml(html, blocks).media).toEqual([
      `${UPLOADS}/hall-300x200.jpg`,
      `${UPLOADS}/hall-1024x683.jpg`,
      '/wp-content/uploads/2021/03/minutes.pdf',
      'https://council.files.wordpress.com/2021/03/map.png?w=640',
    ]);
  });

  it('rewrites old media URLs, resized and query forms included, to the new paths', async () => {
    const html = `<p><img src="${UPLOADS}/hall-300x200.jpg" alt="Town hall"> <img src="${UPLOADS}/hall.jpg?w=640&amp;h=420" alt="Hall again"></p><figure><img src="${UPLOADS}/hall-1024x683.jpg" alt="Big hall"><figcaption>The hall</figcaption></figure><figure><img src="${UPLOADS}/hall.jpg?w=300&amp;crop=1" alt="Small hall"><figcaption>Again</figcaption></figure><p><a href="${UPLOADS}/minutes.pdf">Minutes</a>, and <a href="${UPLOADS}/minutes.pdf.html">not a file</a>.</p>`;
    const { markdown } = convertPostHtml(html, blocks);
    const mapping = new Map([
      [`${UPLOADS}/hall.jpg`, '/images/uploads/2021/03/hall.jpg'],
      [`${UPLOADS}/minutes.pdf`, '/images/uploads/2021/03/minutes.pdf'],
    ]);
    const page = await render(rewriteMediaUrls(markdown, mapping));
    expect(page).toContain('<img src="/images/uploads/2021/03/hall.jpg" alt="Town hall">');
    expect(page).toContain('<img src="/images/uploads/2021/03/hall.jpg" alt="Hall again">');
    expect(page).toContain('<img src="/images/uploads/2021/03/hall.jpg" alt="Big hall">');
    expect(page).toContain('<img src="/images/uploads/2021/03/hall.jpg" alt="Small hall">');
    expect(page).toContain('<a href="/images/uploads/2021/03/minutes.pdf">Minutes</a>');
    expect(page).toContain(`<a href="${UPLOADS}/minutes.pdf.html">not a file</a>`);
  });
});

describe('convertPostHtml on any mix of WordPress markup', () => {
  const pieces = [
    '[caption id="attachment_1" width="300"]',
    '[/caption]',
    `<img src="${UPLOADS}/a-300x200.jpg" alt="A">`,
    '<a href="/wp-content/uploads/2021/03/b.pdf">',
    '</a>',
    '[gallery ids="1,2"]',
    '[gallery]',
    '[embed]',
    '[/embed]',
    'https://youtu.be/abc',
    '[video mp4="/wp-content/uploads/v.mp4"]',
    '[/video]',
    '[audio]',
    '[ref]',
    '[/ref]',
    '[unknown-thing x="1"]',
    '<!-- wp:paragraph -->',
    '<!-- /wp:paragraph -->',
    '<!-- wp:image {"id":1} /-->',
    '<!--more-->',
    '<p>',
    '</p>',
    '<table><tr><td colspan="2">',
    '</td></tr></table>',
    '<sup><a href="#fn1">1</a></sup>',
    '<ol><li id="fn1">',
    '</li></ol>',
    '<pre>',
    '</pre>',
    '<figure>',
    '<figcaption>',
    '</figure>',
    'Words & more ',
    '&amp; £ “quoted” ',
    '\n',
    '\n\n',
    ' ',
  ];
  const attachments = new Map([['1', { url: `${UPLOADS}/c.jpg`, alt: 'C', caption: 'Cap' }]]);

  it('never throws, and no block comment, [caption, [gallery or [embed reaches the page', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), fc.boolean(), async (parts, isClassic) => {
        const result = convertPostHtml(parts.join(''), { classic: isClassic, siteUrl: SITE }, attachments);
        const page = await render(result.markdown);
        expect(page).not.toMatch(/<!-- ?\/?wp:|\[caption|\[gallery|\[embed/);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
