// Guards issue #14 "Done means" 5: a site that does not declare `languages` builds byte-identically
// to the output recorded before multilingual support existed. The sha256 list was recorded on the
// integration branch just before the language work was merged into it (search, images, redirects and
// check already in), with `RECORD_HASHES=1 npx vitest run <this file>`.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { copyFixture, readTree } from '../support/site-folder.js';

const NOW = '2024-11-15T12:00:00Z';
const RECORD = fileURLToPathSafe(new URL('./blog-basic.sha256.json', import.meta.url));

function fileURLToPathSafe(url: URL): string {
  return decodeURIComponent(url.pathname);
}

async function hashes(baseUrl?: string): Promise<Record<string, string>> {
  const root = await copyFixture('blog-basic');
  const out = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-identical-'));
  const result = await build({ root, outDir: path.join(out, 'site'), now: NOW, cache: false, ...(baseUrl ? { baseUrl } : {}) });
  const tree = await readTree(result.outDir);
  return Object.fromEntries([...tree].map(([file, bytes]) => [file, createHash('sha256').update(bytes).digest('hex')]));
}

it('builds tests/fixtures/blog-basic byte-identically to the recorded output (root and with a base path)', async () => {
  const actual = { root: await hashes(), basePath: await hashes('https://fixture.example.org/blog/') };
  if (process.env.RECORD_HASHES === '1') await fs.writeFile(RECORD, `${JSON.stringify(actual, null, 2)}\n`);
  const expected: unknown = JSON.parse(await fs.readFile(RECORD, 'utf8'));
  expect(actual).toEqual(expected);
}, 180_000);
