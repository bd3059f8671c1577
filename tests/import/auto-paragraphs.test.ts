import { describe, expect, it } from 'vitest';
import { autoParagraphs } from '../../src/import/auto-paragraphs.js';

/** The output with the newlines between tags taken out, to compare the structure a browser builds. */
function flat(html: string): string {
  return html.replace(/>\s*\n\s*</g, '><').replace(/\n/g, '⏎');
}

describe('autoParagraphs: paragraphs and line breaks', () => {
  it('makes a paragraph of each blank-line separated block and a <br> of each single newline', () => {
    const post = 'Bins are collected on Tuesdays.\n\nFrom April the green bin\ngoes out every other week,\nas before.\n\n\n\nQuestions? Ring us.';
    expect(flat(autoParagraphs(post))).toBe('<p>Bins are collected on Tuesdays.</p><p>From April the green bin<br>⏎goes out every other week,<br>⏎as before.</p><p>Questions? Ring us.</p>');
  });

  it('reads Windows line endings the same way', () => {
    expect(autoParagraphs('Ward news\r\n\r\nCouncillor surgeries\r\nresume in May')).toBe(autoParagraphs('Ward news\n\nCouncillor surgeries\nresume in May'));
    expect(autoParagraphs('One\r\n\r\nTwo')).not.toContain('\r');
  });

  it('keeps inline markup inside its paragraph and adds no empty paragraphs', () => {
    const post = '\n\n  \nRead the <a href="/plan">draft plan</a> and <strong>tell us</strong>.\n   \n\n';
    expect(autoParagraphs(post)).toBe('<p>Read the <a href="/plan">draft plan</a> and <strong>tell us</strong>.</p>');
    expect(autoParagraphs('\n\n \n')).toBe('');
  });

  it('does not double a <br> the author already wrote at the end of a line', () => {
    expect(flat(autoParagraphs('Town Hall<br />\nHigh Street'))).toBe('<p>Town Hall<br>⏎High Street</p>');
  });
});

describe('autoParagraphs: block-level HTML', () => {
  it('never wraps block elements in <p> nor puts <br> between their tags', () => {
    const post =
      '<h2>Opening times</h2>\n<ul>\n<li>Monday</li>\n<li>Friday</li>\n</ul>\n<table>\n<tr>\n<th>Day</th>\n<td>9 to 5</td>\n</tr>\n</table>\n<hr>\n<div class="note">Closed on bank holidays.</div>';
    const html = autoParagraphs(post);
    expect(html).not.toContain('<p>');
    expect(html).not.toContain('<br>');
    expect(flat(html)).toBe('<h2>Opening times</h2><ul><li>Monday</li><li>Friday</li></ul><table><tr><th>Day</th><td>9 to 5</td></tr></table><hr><div class="note">Closed on bank holidays.</div>');
  });

  it('makes paragraphs of the text around blocks', () => {
    const post = 'Before the list.\n<ol>\n<li>First</li>\n</ol>\nAfter the list.\n<figure><img src="/a.jpg" alt="A"><figcaption>The park</figcaption></figure>\nThe end.';
    expect(flat(autoParagraphs(post))).toBe(
      '<p>Before the list.</p><ol><li>First</li></ol><p>After the list.</p><figure><img src="/a.jpg" alt="A"><figcaption>The park</figcaption></figure><p>The end.</p>',
    );
  });

  it('gives a quotation paragraphs, and a list item or cell paragraphs only when a blank line splits it', () => {
    const post = '<blockquote>We were heard.\n\nThank you.</blockquote>\n<ul>\n<li>Short item</li>\n<li>An item\n\nin two parts</li>\n</ul>';
    expect(flat(autoParagraphs(post))).toBe('<blockquote><p>We were heard.</p><p>Thank you.</p></blockquote><ul><li>Short item</li><li><p>An item</p><p>in two parts</p></li></ul>');
  });

  it('puts line breaks, not paragraphs, inside a heading or an existing paragraph', () => {
    expect(flat(autoParagraphs('<h3>Budget\n2024</h3>\n<p>Line one\nline two</p>'))).toBe('<h3>Budget<br>⏎2024</h3><p>Line one<br>⏎line two</p>');
  });

  it('leaves <pre> exactly as written, blank lines and indents included', () => {
    const code = '<pre>if ready:\n\n    publish()\n  done\n</pre>';
    const html = autoParagraphs(`Run this:\n\n${code}\n\nThen wait.`);
    expect(html).toContain(code);
    expect(flat(html)).toBe(flat(`<p>Run this:</p>\n${code}\n<p>Then wait.</p>`));
  });

  it('leaves comments, scripts, styles, iframes and players alone', () => {
    const blocks = [
      '<!-- keep this note\n\nacross lines -->',
      '<style>\n.a { color: red; }\n\n.b { color: blue; }\n</style>',
      '<script>\nlet a = 1;\n\nlet b = 2;\n</script>',
      '<iframe src="https://maps.example/embed" title="Map">\n\nNo frames\n</iframe>',
      '<video controls>\n<source src="/a.mp4">\n<track src="/a.vtt">\n</video>',
      '<audio controls>\n<source src="/a.mp3">\n</audio>',
    ];
    const html = autoParagraphs(blocks.join('\n\n'));
    for (const block of blocks) expect(html).toContain(block);
    expect(html).not.toMatch(/<p>|<br>/);
  });
});

describe('autoParagraphs: shortcodes', () => {
  it('does not wrap a shortcode alone on its line, with or without content', () => {
    const post =
      'Photos from the fair:\n\n[gallery ids="4,5,6"]\n\n[caption id="attachment_7" width="300"]<img src="/cake.jpg" alt="Cake"> Best cake[/caption]\n[embed]https://video.example/fair[/embed]\n\nSee you next year.';
    expect(autoParagraphs(post).split('\n')).toEqual([
      '<p>Photos from the fair:</p>',
      '[gallery ids="4,5,6"]',
      '[caption id="attachment_7" width="300"]<img src="/cake.jpg" alt="Cake"> Best cake[/caption]',
      '[embed]https://video.example/fair[/embed]',
      '<p>See you next year.</p>',
    ]);
  });

  it('keeps a shortcode inside a sentence, and an escaped one, in the paragraph', () => {
    expect(autoParagraphs('Sources vary.[ref]Our survey[/ref] More soon.')).toBe('<p>Sources vary.[ref]Our survey[/ref] More soon.</p>');
    expect(autoParagraphs('[[gallery]]')).toBe('<p>[[gallery]]</p>');
    expect(autoParagraphs('[sic] is quoted as written.')).toBe('<p>[sic] is quoted as written.</p>');
  });
});
