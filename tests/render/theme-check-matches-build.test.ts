// `theme check` must not pass what the build rejects, and both name an unclosed block where it opened.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/run-cli.js';
import { copyFixture } from '../support/site-folder.js';

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
