import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineConfig } from '../../src/config/define-config.js';
import { loadConfig } from '../../src/config/load-config.js';
import { formatProblem } from '../../src/shared/errors.js';
import { writeSite } from '../content/temp-site.js';
import { runCliCaptured } from '../support/run-cli.js';
import { fixturePath, repoRoot } from '../support/site-folder.js';

const errors = async (root: string, overrides = {}) => (await loadConfig(root, overrides)).problems.filter((problem) => problem.severity === 'error');

describe('loadConfig defaults and overrides', () => {
  it('gives every default when there is no config file', async () => {
    const root = await writeSite({ 'posts/a.md': '' });
    const { value, problems } = await loadConfig(root, {});
    // The one default worth a word: links to localhost will not work once published.
    expect(problems.map((problem) => `${problem.severity} ${problem.code}`)).toEqual(['warning config/no-url']);
    expect(value).toEqual({
      root,
      configFile: undefined,
      title: 'Untitled blog',
      description: '',
      url: 'http://localhost:8080',
      basePath: '/',
      language: 'en-GB',
      timezone: 'Europe/London',
      perPage: 10,
      feedItems: 20,
      relatedPosts: 3,
      permalinks: { post: '/:year/:month/:slug/', tag: '/tag/:slug/', author: '/author/:slug/' },
      theme: path.join(repoRoot, 'theme'),
      outDir: path.join(root, '_site'),
      markdown: { remarkPlugins: [], rehypePlugins: [], sanitize: false, timeoutMs: 10_000, maxBodyBytes: 20_000_000 },
      helpers: {},
      now: undefined,
      navigation: [],
      tagPages: 'excerpt',
      dateFormats: { long: 'd LLLL yyyy', short: 'ccc, dd LLL yy HH:mm' },
      subscribe: false,
      themeOptions: {},
      images: { avif: false },
      search: true,
    });
  });

  it('returns a frozen config, nested settings included', async () => {
    const { value } = await loadConfig(await writeSite({}), {});
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value.permalinks)).toBe(true);
    expect(Object.isFrozen(value.markdown.remarkPlugins)).toBe(true);
  });

  it('loads a TypeScript config that imports sectorpress, without a compile step', async () => {
    const root = fixturePath('config-ts');
    const { value, problems } = await loadConfig(root, {});
    expect(problems).toEqual([]);
    expect(value).toMatchObject({
      configFile: path.join(root, 'sectorpress.config.ts'),
      title: 'Director’s blog',
      url: 'https://blog.example.org/news',
      timezone: 'Europe/Dublin',
      perPage: 5,
      theme: path.join(root, 'my-theme'),
      permalinks: { post: '/:year/:slug/', tag: '/tag/:slug/', author: '/author/:slug/' },
      dateFormats: { long: 'cccc, LLLL do, yyyy', short: 'ccc, dd LLL yy HH:mm' },
    });
    expect(value.helpers.shout?.('hi')).toBe('HI');
  });

  it('lets overrides win over the file', async () => {
    const root = await writeSite({ 'sectorpress.config.json': '{"url": "https://a.example", "outDir": "out", "now": "2020-01-01"}' });
    const { value } = await loadConfig(root, { url: 'https://b.example/', outDir: '/tmp/elsewhere', now: '2030-01-01' });
    expect(value).toMatchObject({ url: 'https://b.example', outDir: '/tmp/elsewhere', now: '2030-01-01' });
    expect((await loadConfig(root, {})).value.outDir).toBe(path.join(root, 'out'));
  });

  it('merges settings given in code over the file, field by field', async () => {
    const root = await writeSite({ 'sectorpress.config.json': '{"title": "File", "perPage": 4}' });
    const { value, problems } = await loadConfig(root, { config: { title: 'Code', url: 'https://code.example' } });
    expect(problems).toEqual([]);
    expect(value).toMatchObject({ title: 'Code', perPage: 4 });
    expect(await errors(root, { config: { perPage: 'x' } })).toMatchObject([{ code: 'config/type', message: expect.stringMatching(/"perPage"/) }]);
  });

  it('reads images: false and { avif }, and names what is wrong with anything else', async () => {
    const root = await writeSite({ 'sectorpress.config.json': '{"url": "https://a.example", "images": {"avif": true}}' });
    expect((await loadConfig(root, {})).value.images).toEqual({ avif: true });
    expect((await loadConfig(root, { config: { images: false } })).value.images).toBe(false);
    expect(await errors(root, { config: { images: { avif: 'yes' } } })).toMatchObject([{ code: 'config/type', message: 'Config field "images.avif" must be true or false.' }]);
    expect(await errors(root, { config: { images: { avfi: true } } })).toMatchObject([{ code: 'config/type', message: expect.stringContaining('did you mean "avif"?') }]);
    expect(await errors(root, { config: { images: true } })).toMatchObject([{ code: 'config/type', message: 'Config field "images" must be an object.' }]);
  });

  it('prefers sectorpress.config.ts over .json, and reads .js and .mjs', async () => {
    const root = await writeSite({ 'sectorpress.config.json': '{"title": "json"}', 'sectorpress.config.ts': 'export default { title: "ts" as string };' });
    expect((await loadConfig(root, {})).value.title).toBe('ts');
    const js = await writeSite({ 'sectorpress.config.js': 'export default { title: "js" };' });
    expect((await loadConfig(js, {})).value.title).toBe('js');
    const mjs = await writeSite({ 'sectorpress.config.mjs': 'export default { title: "mjs" };' });
    expect((await loadConfig(mjs, {})).value.title).toBe('mjs');
  });

  it('resolves a theme given as an installed package name', async () => {
    const root = await writeSite({ 'node_modules/sector-theme/package.json': '{"name":"sector-theme","exports":{".":"./index.js"}}', 'sectorpress.config.json': '{"theme": "sector-theme"}' });
    expect((await loadConfig(root, {})).value.theme).toBe(path.join(root, 'node_modules', 'sector-theme'));
  });

  it('re-reads a changed config file (no module cache)', async () => {
    const root = await writeSite({ 'sectorpress.config.ts': 'export default { title: "one" };' });
    expect((await loadConfig(root, {})).value.title).toBe('one');
    await fs.writeFile(path.join(root, 'sectorpress.config.ts'), 'export default { title: "two" };');
    expect((await loadConfig(root, {})).value.title).toBe('two');
  });

  it('defineConfig returns its argument', () => {
    const config = { title: 'x' };
    expect(defineConfig(config)).toBe(config);
  });
});

describe('loadConfig errors', () => {
  it('names unknown fields with a suggestion, and wrong types, at their line in JSON', async () => {
    const found = await errors(fixturePath('config-unknown-field'));
    expect(found.map((problem) => [problem.code, problem.line, problem.column, problem.message, problem.hint])).toEqual([
      ['config/unknown-field', 3, 3, 'Unknown config field "timeZone".', 'Did you mean "timezone"?'],
      ['config/type', 4, 3, 'Config field "perPage" must be a whole number above 0.', expect.any(String)],
      ['config/type', 5, 3, 'Config field "permalinks" has an unknown field "psot" (did you mean "post"?).', expect.any(String)],
    ]);
    expect(formatProblem(found[0] as never)).toMatch(/^sectorpress\.config\.json:3:3 error: Unknown config field "timeZone"\./);
  });

  it('gives line and column for invalid JSON', async () => {
    const found = await errors(fixturePath('config-json-invalid'));
    expect(found).toMatchObject([{ code: 'config/syntax', file: 'sectorpress.config.json', line: 4, column: 1, message: expect.stringMatching(/not valid JSON/) }]);
  });

  it('reports a config that throws as an error naming the file, without a stack', async () => {
    const found = await errors(fixturePath('config-throws'));
    expect(found).toMatchObject([{ code: 'config/load', file: 'sectorpress.config.mjs', message: 'The config file could not be loaded: SECTORPRESS_TOKEN is not set' }]);
    expect(formatProblem(found[0] as never)).not.toMatch(/\n\s+at /);
  });

  it('locates a syntax error in a TypeScript config', async () => {
    const root = await writeSite({ 'sectorpress.config.ts': 'export default {\n  title: "x",,\n};\n' });
    expect(await errors(root)).toMatchObject([{ code: 'config/load', file: 'sectorpress.config.ts', line: 2 }]);
  });

  it('counts the column of a TypeScript syntax error from 1, as every other message does', async () => {
    const root = await writeSite({ 'sectorpress.config.ts': 'export default {\n  title: "x"\nurl: "https://blog.example.org",\n};\n' });
    const run = await runCliCaptured(['build', root]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^sectorpress\.config\.ts:3:1 error: /);
  });

  it('requires a default export', async () => {
    const root = await writeSite({ 'sectorpress.config.ts': 'export const title = "x";\n' });
    expect(await errors(root)).toMatchObject([{ code: 'config/no-default', file: 'sectorpress.config.ts' }]);
  });

  it('rejects a config that is not an object', async () => {
    expect(await errors(await writeSite({ 'sectorpress.config.json': '["title"]' }))).toMatchObject([{ code: 'config/type' }]);
  });

  it.each([
    ['{"timezone": "Europe/Londres"}', 'config/timezone', /Unknown time zone "Europe\/Londres"/],
    ['{"language": "english please"}', 'config/language', /not a language tag/],
    ['{"url": "blog.example.org"}', 'config/type', /"url" must be an absolute URL/],
    ['{"url": "ftp://blog.example.org"}', 'config/type', /"url" must start with https:\/\//],
    ['{"tagPages": "some"}', 'config/type', /"tagPages" must be one of "full", "excerpt"/],
    ['{"navigation": [{"title": "Home", "url": 3}]}', 'config/type', /"navigation\[0\]\.url" must be a string/],
    ['{"relatedPosts": -1}', 'config/type', /"relatedPosts" must be a whole number, 0 or more/],
    ['{"markdown": {"sanitize": "yes"}}', 'config/type', /"markdown\.sanitize" must be true, false or a schema object/],
    ['{"markdown": {"timeoutMs": 0}}', 'config/type', /"markdown\.timeoutMs" must be a whole number above 0/],
    ['{"markdown": {"maxBodyBytes": 1.5}}', 'config/type', /"markdown\.maxBodyBytes" must be a whole number above 0/],
    ['{"theme": "./no-such-theme"}', 'config/theme', /theme "\.\/no-such-theme" cannot be found/],
    ['{"theme": "no-such-theme-package"}', 'config/theme', /neither a folder in the site nor an installed package/],
    ['{"outDir": ".."}', 'config/out-dir', /would contain the site folder/],
    ['{"outDir": "."}', 'config/out-dir', /would contain the site folder/],
  ])('%s → %s', async (json, code, message) => {
    const found = await errors(await writeSite({ 'sectorpress.config.json': `{\n  ${json.slice(1, -1)}\n}` }));
    expect(found).toMatchObject([{ code, file: 'sectorpress.config.json', line: 2, column: 3, message: expect.stringMatching(message) }]);
  });

  it('rejects a bad --base-url override and a missing site folder', async () => {
    expect(await errors(await writeSite({}), { url: 'not a url' })).toMatchObject([{ code: 'config/base-url' }]);
    expect(await errors('/no/such/site/folder')).toMatchObject([{ code: 'config/no-site' }]);
  });

  it('reports every field problem at once', async () => {
    const found = await errors(await writeSite({ 'sectorpress.config.json': '{"perPage": 0, "feedItems": "x", "colour": "red"}' }));
    expect(found.map((problem) => problem.code)).toEqual(['config/type', 'config/type', 'config/unknown-field']);
  });
});
