// An author key in front matter that is not in data/authors.yml: the warning suggests the nearest key.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { runCliCaptured } from '../support/run-cli.js';
import { copyFixture } from '../support/site-folder.js';

it('suggests the nearest author key for a misspelt one, at its line in the post', async () => {
  const site = await copyFixture('cli-small');
  await fs.writeFile(path.join(site, 'posts', '2024-06-20-typo.md'), '---\ntitle: Typo\ndate: 2024-06-20\nauthor: smа\n---\n\nBody.\n'.replace('smа', 'sma'));
  const run = await runCliCaptured(['build', site, '--now', '2024-07-01T12:00:00Z']);
  expect(run.code).toBe(0);
  expect(run.stderr).toMatch(/posts\/2024-06-20-typo\.md:4:\d+ warning: Unknown author "sma"/);
  expect(run.stderr).toContain('Did you mean "sam"?');
});
