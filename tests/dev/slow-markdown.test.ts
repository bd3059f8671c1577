// A body that takes the Markdown parser minutes (one long line of list markers) must not
// freeze the dev server: it renders in a worker, pages keep being served while it does, the
// time limit ends it with a located error in the browser overlay, and fixing the post recovers.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDevServer, type DevServer } from '../../src/dev/create-dev-server.js';
import { connectSse, type SseClient } from '../support/sse-client.js';
import { copyFixture } from '../support/site-folder.js';

let site: string;
let server: DevServer;
let events: SseClient;

beforeAll(async () => {
  site = await copyFixture('blog-basic');
  const configFile = path.join(site, 'sectorpress.config.json');
  const config = JSON.parse(await fs.readFile(configFile, 'utf8')) as Record<string, unknown>;
  await fs.writeFile(configFile, JSON.stringify({ ...config, markdown: { timeoutMs: 4000 } }));
  server = await createDevServer({ root: site, port: 0, now: '2024-11-15T12:00:00Z', log: () => undefined });
  events = await connectSse(`${server.url}__sectorpress/events`);
});

afterAll(async () => {
  events?.close();
  await server?.close();
});

const slowPost = path.join('posts', '2024-06-01-list-markers.md');

it('keeps serving other pages while a slow body renders, then reports it at its file', async () => {
  let reported: string | undefined;
  void events.next('problems', 50_000).then((event) => (reported = event.data));
  await fs.writeFile(path.join(site, slowPost), `---\ntitle: Markers\n---\n\n${'- '.repeat(10_000)}item\n`);
  let answered = 0;
  while (reported === undefined) {
    const response = await fetch(new URL('/2024/07/midnight/', server.url));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('A post just after midnight');
    answered += 1;
    await sleep(200);
  }
  // The body ran for the whole 4 s limit; a frozen server would have answered none.
  expect(answered).toBeGreaterThanOrEqual(5);
  expect(reported).toMatch(/posts\/2024-06-01-list-markers\.md:5:1 error: Markdown took longer than 4 s to render/);
});

it('recovers once the post is fixed', async () => {
  const cleared = events.next('clear', 30_000);
  await fs.writeFile(path.join(site, slowPost), '---\ntitle: Markers\n---\n\nA list, now:\n\n- item\n');
  await cleared;
  expect(await (await fetch(new URL('/2024/06/list-markers/', server.url))).text()).toContain('<li>item</li>');
});
