// `theme check` points out every root-relative link literal in a forked theme (it would break
// on a site published under a path) with its location and the helper to use instead.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTheme } from '../../src/render/check-theme.js';
import { formatProblem } from '../../src/shared/errors.js';
import { repoRoot } from '../support/site-folder.js';

/** A site's theme overrides folder holding one partial. */
async function themeWith(partial: string): Promise<{ dir: string; file: string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-theme-links-'));
  await fs.mkdir(path.join(dir, 'partials'));
  await fs.writeFile(path.join(dir, 'partials', 'header.hbs'), partial);
  return {
    dir,
    file: path
      .relative(process.cwd(), path.join(dir, 'partials', 'header.hbs'))
      .split(path.sep)
      .join('/'),
  };
}

describe('theme check and root-relative links', () => {
  it('warns about each root-relative href, src and srcset literal, and each site-relative field printed raw, at its line and column', async () => {
    const { dir, file } = await themeWith(
      [
        '<header><a href="/">Home</a>',
        '  <img src=\'/images/logo.svg\' alt=""> <img srcset=/images/logo-2x.svg alt="">',
        '  {{#if config.title}}<a class="x" href="/tags/">{{t "footer.tags"}}</a>{{/if}}',
        '  {{#each posts}}<a href="{{url}}">{{title}}</a> <img src="{{author.avatar}}" alt="">{{/each}}',
        '</header>',
      ].join('\n'),
    );
    const { problems } = await checkTheme(dir);
    const lines = problems.map(formatProblem);
    expect(problems.map((problem) => [problem.severity, problem.code])).toEqual(Array(6).fill(['warning', 'theme/root-relative-link']));
    expect(lines[0]).toContain(`${file}:1:18 warning: The href "/" is root-relative`);
    expect(lines[1]).toContain(`${file}:2:13 warning: The src "/images/logo.svg" is root-relative`);
    expect(lines[2]).toContain(`${file}:2:51 warning: The srcset "/images/logo-2x.svg" is root-relative`);
    expect(lines[3]).toContain(`${file}:3:42 warning: The href "/tags/" is root-relative`);
    expect(problems[3]?.hint).toContain('{{relUrl "/tags/"}}');
    // A site-relative field printed straight into a link, as themes forked before base paths do.
    expect(lines[4]).toContain(`${file}:4:27 warning: The href "{{url}}" is root-relative`);
    expect(problems[4]?.hint).toContain('href="{{relUrl url}}"');
    expect(lines[5]).toContain(`${file}:4:60 warning: The src "{{author.avatar}}" is root-relative`);
  });

  it('leaves the helper, absolute fields, absolute, protocol-relative, fragment and relative links, and comments, alone', async () => {
    const { dir } = await themeWith(
      [
        '<a href="{{relUrl "/tags/"}}">Tags</a> <a href="{{relUrl url}}">x</a> <a href="{{route.canonical}}">y</a>',
        '<a href="{{event.bookingUrl}}">book</a> <meta content="{{absoluteUrl post.image}}"> <a href="{{@root.route.nextUrl}}">n</a>',
        '<a href="https://www.example.gov.uk/">gov</a> <script src="//cdn.example.org/a.js"></script>',
        '<a href="#main">skip</a> <a href="about/">about</a> <a href="mailto:a@example.org">mail</a>',
        '{{!-- <a href="/old-link/">kept in a comment</a> --}}',
        '<p>Write href="/x" in prose</p>',
      ].join('\n'),
    );
    const { problems } = await checkTheme(dir);
    // Prose that looks like an attribute is still reported: the check reads text, not a DOM.
    expect(problems.map((problem) => [problem.line, problem.column])).toEqual([[6, 16]]);
  });

  it('finds none in the bundled theme', async () => {
    const { problems } = await checkTheme(path.join(repoRoot, 'theme'));
    expect(problems.filter((problem) => problem.code === 'theme/root-relative-link')).toEqual([]);
  });
});
