// A builder that runs once lets each Markdown body go as soon as the Markdown stage is done with it
// (pipeline/releasable-job.ts): the stage must say so for every job exactly once, and must not need
// a body after it has said so.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/types.js';
import { renderMarkdownJobs } from '../../src/markdown/render-markdown-jobs.js';
import type { MarkdownJob } from '../../src/markdown/types.js';
import { releasableJobs, withImages } from '../../src/pipeline/releasable-job.js';

const config = (root: string): Config => ({ root, basePath: '/', markdown: { remarkPlugins: [], rehypePlugins: [], maxBodyBytes: 2000 } }) as unknown as Config;

const bodies = Array.from({ length: 12 }, (_, at) => `Paragraph ${at} with *emphasis* and a [link](https://example.org/${at}).\n\n## Part ${at}\n\n- one\n- two`);
const plain = (): MarkdownJob[] => [
  ...bodies.map((body, at) => ({ id: `posts/${at}.md`, body, bodyLine: 4, digest: `d${at}` })),
  { id: 'posts/huge.md', body: 'x'.repeat(3000), bodyLine: 4, digest: 'big' },
];

describe('releasable Markdown jobs', () => {
  it('give their body until it is let go, and share it with their copy that carries images', () => {
    const { jobs, release } = releasableJobs(plain());
    const first = jobs[0] as MarkdownJob;
    const withPicture = withImages(first, { '/a.png': { width: 10, height: 10, variants: [] } } as never);
    expect(withPicture.body).toBe(bodies[0]);
    expect(withPicture.images).toBeDefined();
    release(first.id);
    expect(first.body).toBe('');
    expect(withPicture.body).toBe('');
    expect(jobs[1]?.body).toBe(bodies[1]);
  });

  for (const workers of [0, 2]) {
    it(`are each settled once by the Markdown stage (${workers === 0 ? 'on this thread' : 'in workers'}), which renders them as it renders plain jobs`, async () => {
      const root = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-releasable-'));
      const expected = await renderMarkdownJobs(plain(), config(root), { cache: false, workers });
      for (const run of ['cold', 'warm']) {
        const { jobs, release } = releasableJobs(plain());
        const settled: string[] = [];
        const result = await renderMarkdownJobs(jobs, config(root), {
          cache: true,
          workers,
          settled: (id) => {
            settled.push(id);
            release(id);
          },
        });
        expect(settled.sort()).toEqual(
          plain()
            .map((job) => job.id)
            .sort(),
        );
        expect(jobs.every((job) => job.body === '')).toBe(true);
        expect([...result.value.byId].map(([id, body]) => [id, body.html]).sort()).toEqual([...expected.value.byId].map(([id, body]) => [id, body.html]).sort());
        // The oversized body is still reported, and the second run takes every other body from the cache (keyed as before).
        expect(result.problems.map((problem) => problem.file)).toEqual(['posts/huge.md']);
        expect(result.value.cacheHits).toBe(run === 'cold' ? 0 : bodies.length);
      }
    });
  }
});
