// The real dev server on a free port over a temp copy of a fixture site: real file edits, the
// live-reload event over SSE, and the HTML fetched afterwards.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevServer, type DevServer } from '../../src/dev/create-dev-server.js';
import { bundledThemeFolder } from '../../src/shared/package-root.js';
import { connectSse, type SseClient } from '../support/sse-client.js';
import { copyFixture } from '../support/site-folder.js';

const NOW = '2024-11-15T12:00:00Z';
let site: string;
let server: DevServer;
let events: SseClient;
const logs: string[] = [];

beforeAll(async () => {
  site = await copyFixture('blog-basic');
  await fs.mkdir(path.join(site, 'theme', 'partials'), { recursive: true });
  await fs.copyFile(path.join(bundledThemeFolder(), 'partials', 'footer.hbs'), path.join(site, 'theme', 'partials', 'footer.hbs'));
  await fs.copyFile(path.join(bundledThemeFolder(), 'default.hbs'), path.join(site, 'theme', 'default.hbs'));
  server = await createDevServer({ root: site, port: 0, now: NOW, log: (line) => logs.push(line) });
  events = await connectSse(`${server.url}__sectorpress/events`);
});

afterAll(async () => {
  if (process.env.DEBUG_DEV) console.log(logs.join('\n'));
  events?.close();
  await server?.close();
});

const file = (relative: string): string => path.join(site, relative);
async function edit(relative: string, change: (text: string) => string): Promise<void> {
  await fs.writeFile(file(relative), change(await fs.readFile(file(relative), 'utf8')));
}
async function get(url: string): Promise<{ status: number; text: string; type: string | null; cache: string | null }> {
  const response = await fetch(new URL(url, server.url), { redirect: 'manual' });
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type'), cache: response.headers.get('cache-control') };
}
/** Make a change and wait for the reload it causes. */
async function changeAndReload(change: () => Promise<void>): Promise<void> {
  const reload = events.next('reload');
  await change();
  await reload;
}

describe('serving', () => {
  it('serves pretty URLs with the right content types and no caching, on 127.0.0.1', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const home = await get('/');
    expect(home.status).toBe(200);
    expect(home.type).toBe('text/html; charset=utf-8');
    expect(home.cache).toBe('no-store');
    expect(home.text).toContain('__sectorpress/events');
    expect((await get('/feed.xml')).type).toBe('application/xml; charset=utf-8');
    expect((await get('/events.ics')).type).toBe('text/calendar; charset=utf-8');
    const redirect = await get('/tags');
    expect(redirect.status).toBe(301);
  });

  it('answers unknown paths with the theme’s 404 page and status 404', async () => {
    const missing = await get('/no/such/page/');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Page not found');
  });

  it('shows the same pages build writes, apart from the live-reload script', async () => {
    const page = await get('/2024/07/midnight/');
    const stored = server.output.get('2024/07/midnight/index.html');
    expect(stored && 'contents' in stored ? String(stored.contents) : '').toBe(page.text.replace(/<script type="module">[\s\S]*?<\/script>/, ''));
  });
});

describe('live reload after an edit', () => {
  it('post body', async () => {
    await changeAndReload(() => edit('posts/midnight.md', (text) => text.replace('More text about', 'Freshly edited text about')));
    expect((await get('/2024/07/midnight/')).text).toContain('Freshly edited text about');
  });

  it('post title (its page, the home page and its neighbours)', async () => {
    await changeAndReload(() => edit('posts/midnight.md', (text) => text.replace('A post just after midnight', 'Retitled after midnight')));
    expect((await get('/2024/07/midnight/')).text).toContain('<h1>Retitled after midnight</h1>');
    expect((await get('/2024/04/bst-start/')).text).toContain('Retitled after midnight');
  });

  it('post tags', async () => {
    await changeAndReload(() => edit('posts/midnight.md', (text) => text.replace('tags: ["Regional improvement", "Leadership"]', 'tags: ["Night shifts"]')));
    expect((await get('/tag/night-shifts/')).text).toContain('Retitled after midnight');
    expect((await get('/tag/regional-improvement/')).text).not.toContain('Retitled after midnight');
  });

  it('post date (moves to a new URL)', async () => {
    await changeAndReload(() => edit('posts/midnight.md', (text) => text.replace('date: 2024-06-30T23:30:00Z', 'date: 2024-09-15T10:00:00Z')));
    expect((await get('/2024/09/midnight/')).status).toBe(200);
    expect((await get('/2024/07/midnight/')).status).toBe(404);
  });

  it('new post and deleted post', async () => {
    await changeAndReload(() => fs.writeFile(file('posts/2024-11-10-fresh.md'), '---\ntitle: A fresh post\nsummary: New.\n---\n\nHello.\n'));
    expect((await get('/2024/11/fresh/')).status).toBe(200);
    expect((await get('/')).text).toContain('A fresh post');
    await changeAndReload(() => fs.rm(file('posts/2024-11-10-fresh.md')));
    expect((await get('/2024/11/fresh/')).status).toBe(404);
    expect((await get('/')).text).not.toContain('A fresh post');
  });

  it('partial, layout, data file, static file and config', async () => {
    await changeAndReload(() => edit('theme/partials/footer.hbs', (text) => text.replace('<footer class="site-footer">', '<footer class="site-footer" data-edited="partial">')));
    expect((await get('/about/')).text).toContain('data-edited="partial"');
    await changeAndReload(() => edit('theme/default.hbs', (text) => text.replace('<body>', '<body class="edited-layout">')));
    expect((await get('/')).text).toContain('<body class="edited-layout">');
    await changeAndReload(() => edit('data/authors.yml', (text) => text.replace('Amara Okafor', 'Amara Okafor-Smith')));
    expect((await get('/author/amara/')).text).toContain('Amara Okafor-Smith');
    await fs.mkdir(file('static'), { recursive: true });
    await changeAndReload(() => fs.writeFile(file('static/notice.txt'), 'First notice'));
    expect((await get('/notice.txt')).text).toBe('First notice');
    await changeAndReload(() => edit('sectorpress.config.json', (text) => text.replace('"Fixture Borough Children\'s Services"', '"Renamed Borough Blog"')));
    expect((await get('/')).text).toContain('Renamed Borough Blog');
  });

  it('swaps the stylesheet without a reload when only CSS changed', async () => {
    await fs.mkdir(file('theme/assets/css'), { recursive: true });
    const copied = events.next('css');
    await fs.copyFile(path.join(bundledThemeFolder(), 'assets', 'css', 'site.css'), file('theme/assets/css/site.css'));
    await copied;
    const css = events.next('css');
    await edit('theme/assets/css/site.css', (text) => `${text}\n.edited { color: #000; }\n`);
    const urls = JSON.parse((await css).data) as string[];
    expect(urls).toHaveLength(1);
    expect((await get(urls[0] ?? '')).text).toContain('.edited');
  });
});

describe('errors while developing', () => {
  it('keeps serving the last good site, reports the problem with its location, and recovers', async () => {
    const problems = events.next('problems');
    await edit('posts/bst-start.md', (text) => text.replace('title: "Clocks go forward"', 'title: [broken'));
    const reported = JSON.parse((await problems).data) as string[];
    expect(reported.join('\n')).toMatch(/posts\/bst-start\.md:\d+:\d+ error/);
    expect(logs.join('\n')).toMatch(/posts\/bst-start\.md:\d+:\d+ error/);
    expect((await get('/2024/04/bst-start/')).text).toContain('Clocks go forward');
    const clear = events.next('clear');
    await edit('posts/bst-start.md', (text) => text.replace('title: [broken', 'title: "Clocks went forward"'));
    await clear;
    expect((await get('/2024/04/bst-start/')).text).toContain('Clocks went forward');
  });

  it('survives a config file that fails to load', async () => {
    const problems = events.next('problems');
    await fs.writeFile(file('sectorpress.config.json'), '{ "title": ');
    await problems;
    expect((await get('/')).status).toBe(200);
    const clear = events.next('clear');
    await fs.writeFile(file('sectorpress.config.json'), '{ "title": "Back again", "url": "https://fixture.example.org", "perPage": 3, "feedItems": 5 }');
    await clear;
    expect((await get('/')).text).toContain('Back again');
  });

  it('prints one line per rebuild with what changed, pages updated and the time', () => {
    expect(logs.some((line) => /^\[dev\] posts\/midnight\.md changed → \d+ pages? updated in \d+ ms$/.test(line))).toBe(true);
  });
});
