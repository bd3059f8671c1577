// The dev server's search index after an edit: the edit's pages are served at once with the old
// index, the new one is built in the background once the edits pause, and taking it in renders
// nothing again. The output then equals a clean build's, index included, byte for byte. A closed
// server builds no index in the background.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { createDevServer, type DevServer } from '../../src/dev/create-dev-server.js';
import type { RebuildResult } from '../../src/dev/dev-session.js';
import { connectSse, type SseClient } from '../support/sse-client.js';
import { copyFixture, readTree } from '../support/site-folder.js';

const NOW = '2024-11-15T12:00:00Z';
let site: string;
let server: DevServer;
let events: SseClient;
const logs: string[] = [];
const results: RebuildResult[] = [];

beforeAll(async () => {
  site = await copyFixture('blog-basic');
  server = await createDevServer({ root: site, port: 0, now: NOW, log: (line) => logs.push(line), onRebuild: (result) => results.push(result) });
  events = await connectSse(`${server.url}__sectorpress/events`);
});

afterAll(async () => {
  events?.close();
  await server?.close();
});

async function appendTo(relative: string, text: string): Promise<void> {
  const file = path.join(site, relative);
  await fs.writeFile(file, `${await fs.readFile(file, 'utf8')}\n${text}\n`);
}

async function expectSameAsCleanBuild(): Promise<void> {
  const clean = await build({ root: site, outDir: path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sp-clean-')), 'site'), now: NOW, cache: false });
  const expected = await readTree(clean.outDir);
  const actual = new Map<string, Buffer>();
  for (const [file, output] of server.output.snapshot()) actual.set(file, 'copyFrom' in output ? await fs.readFile(output.copyFrom) : Buffer.from(output.contents));
  expect([...actual.keys()].sort()).toEqual([...expected.keys()]);
  for (const [file, bytes] of expected) expect(actual.get(file)?.equals(bytes), file).toBe(true);
  await fs.rm(path.dirname(clean.outDir), { recursive: true, force: true });
}

describe('the search index on the dev server', () => {
  it('is taken in after an edit without rendering anything again, and then matches a clean build', async () => {
    const reload = events.next('reload');
    const indexed = events.next('search-index', 60_000);
    await appendTo('posts/bst-start.md', 'A paragraph about zeppelins over the town hall.');
    await reload;
    await indexed;
    const taking = results.at(-1) as RebuildResult;
    expect(taking.changed).toEqual([]);
    expect(taking.updated.length).toBeGreaterThan(0);
    expect(taking.updated.every((file) => file.startsWith('pagefind/'))).toBe(true);
    // Nothing but the index: no model, routes or pages were made again.
    expect(Object.keys(taking.timings)).toEqual([]);
    expect(logs.at(-1)).toMatch(/^\[dev\] search index brought up to date in \d+ ms$/);
    await expectSameAsCleanBuild();
  }, 180_000);

  it('catches up with a series of saves once they pause, with every one of them in it', async () => {
    const indexed = events.next('search-index', 60_000);
    for (const [at, word] of ['airships', 'dirigibles', 'blimps'].entries()) {
      const reload = events.next('reload');
      await appendTo(at === 1 ? 'posts/2024-09-05-workforce.md' : 'posts/bst-start.md', `A line about ${word}.`);
      await reload;
    }
    await indexed;
    await expectSameAsCleanBuild();
  }, 180_000);
});

describe('a closed dev server', () => {
  it('builds no search index for the edits before it closed', async () => {
    const own = await copyFixture('blog-basic');
    const shards = path.join(own, 'node_modules', '.cache', 'sectorpress', 'search-shards');
    const closing = await createDevServer({ root: own, port: 0, now: NOW, log: () => undefined });
    const stream = await connectSse(`${closing.url}__sectorpress/events`);
    const before = (await fs.readdir(shards)).sort();
    const reload = stream.next('reload');
    const file = path.join(own, 'posts', 'bst-start.md');
    await fs.writeFile(file, `${await fs.readFile(file, 'utf8')}\nA paragraph about hot-air balloons.\n`);
    await reload;
    // Within the pause the index waits for; an open server indexes the edit after it (the test above).
    stream.close();
    await closing.close();
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect((await fs.readdir(shards)).sort()).toEqual(before);
  }, 180_000);
});
