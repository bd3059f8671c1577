import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { BuildFailedError, formatProblem } from '../../src/shared/errors.js';
import { writeSite } from './temp-site.js';

describe('the lead image', () => {
  it.each([
    ['http://[oops/x.jpg', /not a usable address/],
    ['javascript:alert(1)', /javascript: links cannot be shown as images/],
  ])("reports %j at the post's image line, not inside a theme template", async (image, reason) => {
    const root = await writeSite({
      'sectorpress.config.json': JSON.stringify({ title: 'Images', url: 'https://images.example.org' }),
      'posts/x.md': `---\ntitle: X\ndate: 2024-03-01\nimage: "${image}"\nimageAlt: A picture\nsummary: S.\n---\n\nBody.\n`,
    });
    const error = await build({ root, outDir: path.join(root, '_site'), now: '2026-01-01T12:00:00Z', cache: false, workers: 0 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BuildFailedError);
    const problems = (error as BuildFailedError).problems.filter((problem) => problem.severity === 'error');
    expect(problems).toHaveLength(1);
    expect(formatProblem(problems[0]!)).toMatch(/^posts\/x\.md:4:8 error: The image .*/);
    expect(problems[0]?.message).toMatch(reason);
    expect(JSON.stringify(problems)).not.toMatch(/\.hbs/);
  });

  it.each(['/images/team.jpg', 'images/team.jpg', 'https://cdn.example.org/a b.jpg', '//cdn.example.org/a.jpg'])('accepts %j', async (image) => {
    const root = await writeSite({
      // The address is what is checked here; `images: false` leaves out the check that the file exists.
      'sectorpress.config.json': JSON.stringify({ title: 'Images', url: 'https://images.example.org', images: false }),
      'posts/x.md': `---\ntitle: X\ndate: 2024-03-01\nimage: "${image}"\nimageAlt: A picture\nsummary: S.\n---\n\nBody.\n`,
    });
    const result = await build({ root, outDir: path.join(root, '_site'), now: '2026-01-01T12:00:00Z', cache: false, workers: 0 });
    expect(result.problems.filter((problem) => problem.code === 'front-matter/image')).toEqual([]);
  });
});
