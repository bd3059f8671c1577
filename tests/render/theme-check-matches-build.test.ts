// `theme check` must not pass what the build rejects, and both name an unclosed block where it opened.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/run-cli.js';
import { copyFixture, repoRoot } from '../support/site-folder.js';

const NOW = '2024-07-01T12:00:00Z';

async function siteWithPartial(name: string, text: string): Promise<string> {
  const site = await copyFixture('cli-small');
  await fs.mkdir(path.join(site, 'theme', 'partials'), { recursive: true });
  await fs.writeFile(path.join(site, 'theme', 'partials', name), text);
  return site;
}

describe('theme check agrees with the build', () => {
  it('fails (exit 1) on an unknown helper the build fails on, and never says the theme looks good', async () => {
    const site = await siteWithPartial('footer.hbs', '<footer>\n  <p>{{shout site.title}}</p>\n</footer>\n');
    const check = await runCliCaptured(['theme', 'check', path.join(site, 'theme'), '--site', site]);
    expect(check.stderr).toMatch(/theme\/partials\/footer\.hbs:2:6 error: Unknown helper "shout"/);
    expect(check.stdout).not.toContain('looks good');
    expect(check.code).toBe(1);

    const built = await runCliCaptured(['build', site, '--now', NOW]);
    expect(built.code).toBe(1);
    expect(built.stderr).toContain('shout');
  });

  it('passes a helper the site registers in its config', async () => {
    const site = await siteWithPartial('footer.hbs', '<footer>{{shout site.title}}</footer>\n');
    await fs.rm(path.join(site, 'sectorpress.config.json'));
    await fs.writeFile(path.join(site, 'sectorpress.config.mjs'), "export default { title: 'Small', url: 'https://small.example.org', helpers: { shout: (text) => String(text).toUpperCase() } };\n");
    const check = await runCliCaptured(['theme', 'check', 'theme', '--site', site]);
    expect(check.stderr).toBe('');
    expect(check.stdout).toContain('The theme looks good.');
    expect(check.code).toBe(0);
    expect((await runCliCaptured(['build', site, '--now', NOW])).code).toBe(0);
  });

  it('names an unclosed {{#if}} and where it opened, in the check and in the build', async () => {
    const template = '{{!-- {{#each ignored}} in a comment --}}\n<footer>\n  {{#if site.title}}\n    {{#each site.tags}}{{name}}{{/each}}\n</footer>\n';
    const site = await siteWithPartial('footer.hbs', template);
    const check = await runCliCaptured(['theme', 'check', path.join(site, 'theme')]);
    expect(check.stderr).toMatch(/theme\/partials\/footer\.hbs:3:3 error: \{\{#if\}\} opened here is never closed\./);
    expect(check.stderr).toContain('{{/if}}');
    expect(check.code).toBe(1);

    const built = await runCliCaptured(['build', site, '--now', NOW]);
    expect(built.stderr).toMatch(/theme\/partials\/footer\.hbs:3:3 error: \{\{#if\}\} opened here is never closed\./);
    expect(built.code).toBe(1);
  });

  it('names the innermost of two open blocks, including a partial block', async () => {
    const site = await siteWithPartial('footer.hbs', '<footer>\n{{#> frame}}\n  {{#each site.tags}}\n    {{name}}\n');
    const check = await runCliCaptured(['theme', 'check', path.join(site, 'theme')]);
    expect(check.stderr).toMatch(/footer\.hbs:3:3 error: \{\{#each\}\} opened here is never closed\./);
  });
});

describe('theme check with warnings only', () => {
  it('passes (exit 0) but does not call a theme with warnings "good"', async () => {
    const site = await siteWithPartial('footer.hbs', '<footer>{{t "footer.no-such-key"}}</footer>\n');
    const check = await runCliCaptured(['theme', 'check', path.join(site, 'theme')]);
    expect(check.stderr).toMatch(/footer\.hbs:1:\d+ warning: The string "footer\.no-such-key"/);
    expect(check.stdout).toBe('The theme has no errors, and 1 warning above.');
    expect(check.code).toBe(0);
  });
});

/** Handlebars' parser, compiler and generated-code words, which a theme author cannot act on. */
const INTERNALS = /lookupProperty|\bstack\d|\balias\d|is not a function|Expecting '|doesn't match|Parse error|unexpected a /;

async function siteWithTemplate(file: string, edit: (text: string) => string): Promise<string> {
  const site = await copyFixture('cli-small');
  const target = path.join(site, 'theme', file);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, edit(await fs.readFile(path.join(repoRoot, 'theme', file), 'utf8')));
  return site;
}

describe('theme check and the build report the same template errors, located, in plain words', () => {
  it('names a field called with arguments and a path with a stray dot, which Handlebars only fails on while rendering', async () => {
    const site = await siteWithTemplate('post.hbs', (text) =>
      text.replace('<h1>{{post.title}}</h1>', '<h1>{{post.title.}}</h1>').replace('<p class="standfirst">{{post.summary}}</p>', '<p class="standfirst">{{post.summary "x"}}</p>'),
    );
    const check = await runCliCaptured(['theme', 'check', path.join(site, 'theme'), '--site', site]);
    const built = await runCliCaptured(['build', site, '--now', NOW]);
    for (const run of [check, built]) {
      expect(run.stderr).toMatch(/theme\/post\.hbs:4:5 error: "post\.title\." is not a valid path: it has a stray dot\./);
      expect(run.stderr).toMatch(/→ Write post\.title: join the names/);
      expect(run.stderr).toMatch(/theme\/post\.hbs:5:43 error: "post\.summary" is a field, not a helper: it cannot take arguments\./);
      expect(run.stderr).not.toMatch(INTERNALS);
      expect(run.code).toBe(1);
    }
    expect(check.stdout).not.toContain('no errors');
  });

  it('reports every broken template in one build, with the did-you-mean the check gives', async () => {
    const site = await siteWithTemplate('partials/post-card.hbs', (text) => `${text}{{formatDat date}}\n`);
    await fs.writeFile(path.join(site, 'theme', 'page.hbs'), '<article>\n  {{> bylin page}}\n</article>\n');
    const check = await runCliCaptured(['theme', 'check', path.join(site, 'theme'), '--site', site]);
    const built = await runCliCaptured(['build', site, '--now', NOW]);
    const lines = (await fs.readFile(path.join(repoRoot, 'theme', 'partials', 'post-card.hbs'), 'utf8')).split('\n').length;
    for (const run of [check, built]) {
      expect(run.stderr).toMatch(new RegExp(`theme/partials/post-card\\.hbs:${lines}:1 error: Unknown helper "formatDat"\\.[^\\n]*\\n\\s*→ Did you mean "formatDate"\\?`));
      expect(run.stderr).toMatch(/theme\/page\.hbs:2:3 error: The partial "bylin" is used but there is no partials\/bylin\.hbs\.[^\n]*\n\s*→ Did you mean "byline"\?/);
      expect(run.code).toBe(1);
    }
    expect(built.stderr).toContain('Build failed with 2 errors');
  });

  it('words parse errors for a theme author: a block closed by the wrong name, a lone brace', async () => {
    const site = await siteWithTemplate('partials/footer.hbs', (text) => `${text}<p>{{#each site.tags}}{{name}}{{/if}}</p>\n<p>{{ site.title } }</p>\n`);
    const check = await runCliCaptured(['theme', 'check', path.join(site, 'theme'), '--site', site]);
    const built = await runCliCaptured(['build', site, '--now', NOW]);
    const line = (await fs.readFile(path.join(repoRoot, 'theme', 'partials', 'footer.hbs'), 'utf8')).split('\n').length;
    for (const run of [check, built]) {
      expect(run.stderr).toMatch(new RegExp(`theme/partials/footer\\.hbs:${line}:31 error: \\{\\{/if\\}\\} does not close the \\{\\{#each\\}\\} opened at line ${line}, column 4\\.`));
      expect(run.stderr).not.toMatch(INTERNALS);
      expect(run.code).toBe(1);
    }
    // One syntax error per file: Handlebars stops at the first; fixing it shows the next.
    await fs.writeFile(path.join(site, 'theme', 'partials', 'footer.hbs'), '<p>{{ site.title } }</p>\n');
    for (const run of [await runCliCaptured(['theme', 'check', path.join(site, 'theme')]), await runCliCaptured(['build', site, '--now', NOW])]) {
      expect(run.stderr).toMatch(/theme\/partials\/footer\.hbs:1:18 error: Handlebars syntax error: A single "}" here: a tag is closed with "}}"\./);
      expect(run.stderr).not.toMatch(INTERNALS);
    }
  });
});
