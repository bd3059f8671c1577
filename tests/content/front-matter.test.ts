import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/content/front-matter.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

describe('parseFrontMatter', () => {
  it('splits data from body and says where the body starts', () => {
    const parsed = parseFrontMatter('---\ntitle: Hello\ntags: [a, b]\n---\n# Heading\n\nText\n', 'posts/a.md');
    expect(parsed.problems).toEqual([]);
    expect(parsed.data).toEqual({ title: 'Hello', tags: ['a', 'b'] });
    expect(parsed.body).toBe('# Heading\n\nText\n');
    expect(parsed.bodyLine).toBe(5);
  });

  it('gives each key its position in the file, counting the opening fence', () => {
    const parsed = parseFrontMatter('---\ntitle: Hello\n  \nsummary:   Later\n---\n', 'posts/a.md');
    expect(parsed.positions.title).toEqual({ line: 2, column: 8 });
    expect(parsed.positions.summary).toEqual({ line: 4, column: 12 });
  });

  it('treats a file without a fence as all body', () => {
    const parsed = parseFrontMatter('Just text\n---\n', 'posts/a.md');
    expect(parsed).toMatchObject({ data: {}, body: 'Just text\n---\n', bodyLine: 1, problems: [] });
  });

  it('accepts a file that is only front matter, and `...` as the closing fence', () => {
    expect(parseFrontMatter('---\ntitle: Only\n---', 'p.md')).toMatchObject({ data: { title: 'Only' }, body: '', bodyLine: 4 });
    expect(parseFrontMatter('---\ntitle: Dots\n...\nBody', 'p.md')).toMatchObject({ data: { title: 'Dots' }, body: 'Body' });
  });

  it('keeps dates as written, so the site time zone can be applied later', () => {
    expect(parseFrontMatter('---\ndate: 2024-07-09\n---\n', 'p.md').data.date).toBe('2024-07-09');
  });

  it('rejects front matter that is a list or a scalar rather than keys', () => {
    const parsed = parseFrontMatter('---\n- a\n- b\n---\n', 'posts/list.md');
    expect(parsed.problems[0]).toMatchObject({ code: 'front-matter/shape', file: 'posts/list.md', line: 2 });
  });

  it('treats empty front matter as no keys', () => {
    expect(parseFrontMatter('---\n---\nBody', 'p.md')).toMatchObject({ data: {}, body: 'Body', problems: [] });
  });

  it('rejects a YAML bomb without expanding it', () => {
    let yaml = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let level = 1; level <= 30; level += 1) {
      yaml += `a${level}: &a${level} [${Array(10)
        .fill(`*a${level - 1}`)
        .join(', ')}]\n`;
    }
    // Expanded, this would be 10^30 nodes: the alias limit must refuse it before the test's time limit.
    const parsed = parseFrontMatter(`---\n${yaml}title: Boom\n---\n`, 'posts/bomb.md');
    expect(parsed.problems[0]).toMatchObject({ severity: 'error', code: 'front-matter/yaml', file: 'posts/bomb.md' });
  });

  it('never throws, whatever the text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 200 }), (tail) => {
        const parsed = parseFrontMatter(`---\n${tail}`, 'posts/fuzz.md');
        for (const problem of parsed.problems) {
          expect(problem.file).toBe('posts/fuzz.md');
          expect(problem.line).toBeGreaterThanOrEqual(1);
          expect(problem.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('reads back any simple key/value lines with their file positions (property)', () => {
    const key = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,9}$/);
    const value = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ,.]{0,30}[A-Za-z0-9]$/);
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(key, value), { selector: ([name]) => name, minLength: 1, maxLength: 8 }), (pairs) => {
        const lines = pairs.map(([name, text]) => `${name}: ${text}`);
        const parsed = parseFrontMatter(`---\n${lines.join('\n')}\n---\nbody`, 'p.md');
        expect(parsed.problems).toEqual([]);
        pairs.forEach(([name, text], index) => {
          expect(String(parsed.data[name])).toBe(text);
          expect(parsed.positions[name]).toEqual({ line: index + 2, column: name.length + 3 });
        });
        expect(parsed.bodyLine).toBe(pairs.length + 3);
      }),
      { numRuns: RUNS },
    );
  });
});
