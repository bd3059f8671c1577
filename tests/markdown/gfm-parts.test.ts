// Bodies get only the GFM extensions their text could trigger; the HTML must be exactly what
// the full remark-gfm pipeline gives, for any mix of Markdown fragments.
import fc from 'fast-check';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { createProcessors, parseMarkdown } from '../../src/markdown/create-processor.js';

const reference = unified().use(remarkParse).use(remarkGfm).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeSlug).use(rehypeStringify, { allowDangerousHtml: true }).freeze();
const pick = createProcessors();

const FRAGMENTS = [
  'Plain words here.',
  '## A heading',
  '| a | b |\n| - | - |\n| 1 | 2 |',
  'a | b',
  'Text with a note[^1].',
  '[^1]: The note.',
  '~~struck~~ and ~one~',
  '- [ ] todo\n- [x] done',
  'See www.example.org today',
  'Mail someone@example.org',
  'https://example.org/path',
  '[link](https://example.org)',
  '[www.a.org](https://b.org)',
  '[[a](http://x.org)](http://y.org)',
  'a](http://x.com)',
  '![www.x.org](http://y.org)',
  '[a](http://x.org "www.t.org")',
  '\\[a\\](http://x.org)',
  '`[a](http://x.org)`',
  '[a]: http://ref.org',
  '[a]',
  ']',
  '(',
  ')',
  '<div class="raw">kept</div>',
  '> quoted',
  '1. one\n2. two',
  '*emphasis* and **strong**',
  'a@b',
  '[ ]',
  '~',
];

function render(processor: typeof reference, body: string): string {
  return String(processor.stringify(processor.runSync(processor.parse(body))));
}

/** What the Markdown stage does: the processor the body needs, re-parsing if autolinks turn up. */
function renderPicked(body: string): string {
  const { processor, tree } = parseMarkdown(pick, body);
  return String(processor.stringify(processor.runSync(tree)));
}

describe('GFM extensions per body', () => {
  it('give the same HTML as remark-gfm (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 20 })), { maxLength: 8 }), fc.constantFrom('\n\n', '\n', ' '), (parts, glue) => {
        const body = parts.join(glue);
        expect(renderPicked(body)).toBe(render(reference, body));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });

  it('still renders every GFM feature', () => {
    const body = FRAGMENTS.join('\n\n');
    const html = renderPicked(body);
    expect(html).toContain('<table>');
    expect(html).toContain('<del>struck</del>');
    expect(html).toContain('type="checkbox"');
    expect(html).toContain('href="http://www.example.org"');
    expect(html).toContain('data-footnotes');
  });
});
