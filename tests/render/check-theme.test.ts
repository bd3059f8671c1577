// `sectorpress theme check`: every broken part of a theme is reported at its location.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTheme } from '../../src/render/check-theme.js';
import { formatProblem, hasErrors, type Problem } from '../../src/shared/errors.js';
import { fixturePath, repoRoot } from '../support/site-folder.js';

async function check(dir: string): Promise<{ problems: readonly Problem[]; lines: string[] }> {
  const { problems } = await checkTheme(dir);
  return { problems, lines: problems.map(formatProblem) };
}

const at = (file: string): string => path.relative(process.cwd(), fixturePath(file)).split(path.sep).join('/');

describe('checkTheme', () => {
  it('finds nothing wrong with the bundled default theme', async () => {
    const { problems } = await check(path.join(repoRoot, 'theme'));
    expect(problems).toEqual([]);
  });

  it('reports each break in the broken fixture with the right path:line:col', async () => {
    const { problems, lines } = await check(fixturePath('theme-broken'));
    const text = lines.join('\n');
    expect(hasErrors(problems)).toBe(true);
    // Required templates that are absent.
    for (const name of ['tags', 'author', 'archive', 'events', 'event']) {
      expect(text).toContain(`${at(`theme-broken/${name}.hbs`)} error: The required template ${name}.hbs is missing.`);
    }
    // A partial that exists nowhere (the byline on the next line falls back to the default theme's).
    expect(text).toContain(`${at('theme-broken/post.hbs')}:3:1 error: The partial "no-such-partial" is used`);
    expect(text).not.toContain('"byline"');
    expect(text).toContain(`${at('theme-broken/partials/card-extra.hbs')}:2:1 error: The partial "also-missing"`);
    // Unknown helpers, including one used as a sub-expression.
    expect(text).toContain(`${at('theme-broken/page.hbs')}:2:4 warning: Unknown helper "shout"`);
    expect(text).toContain(`${at('theme-broken/page.hbs')}:3:10 warning: Unknown helper "loud"`);
    // A block never closed: reported where the file ends.
    expect(text).toMatch(new RegExp(`${at('theme-broken/index.hbs').replace(/\./g, '\\.')}:4:1 error: Handlebars syntax error: unexpected the end of the file`));
    // A string key missing from the locale.
    expect(text).toContain(`${at('theme-broken/404.hbs')}:2:4 warning: The string "this.key.does.not.exist"`);
  });

  it('accepts a site overrides folder that holds only one partial', async () => {
    const { problems } = await check(fixturePath('theme-overrides'));
    expect(problems).toEqual([]);
  });

  it('asks a complete theme without theme.json for a manifest', async () => {
    const { problems } = await check(fixturePath('theme-no-manifest'));
    expect(problems).toEqual([expect.objectContaining({ severity: 'warning', code: 'theme/manifest' })]);
  });

  it('asks for the manifest fields that are missing', async () => {
    const { problems } = await check(fixturePath('theme-bad-manifest'));
    expect(problems.map((problem) => problem.message)).toEqual(['theme.json has no "version".', 'theme.json has no "sectorpress".']);
  });

  it('reports a folder that does not exist', async () => {
    const { problems } = await check(fixturePath('no-such-theme'));
    expect(problems).toEqual([expect.objectContaining({ severity: 'error', code: 'theme/missing' })]);
  });
});
