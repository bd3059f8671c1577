// `sectorpress serve`: the built folder over real HTTP, under the base path of the site's url.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/run-cli.js';
import { copyFixture, repoRoot } from '../support/site-folder.js';

const NOW = '2024-07-01T12:00:00Z';
const running: ChildProcess[] = [];

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

async function builtSite(url: string): Promise<string> {
  const site = await copyFixture('cli-small');
  await fs.writeFile(path.join(site, 'sectorpress.config.json'), JSON.stringify({ title: 'Small blog', url }));
  expect((await runCliCaptured(['build', site, '--now', NOW])).code).toBe(0);
  return site;
}

/** Start the real binary on a free port; resolves with the address it prints. */
async function serve(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'sectorpress.js'), 'serve', ...args, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let printed = '';
  child.stdout?.setEncoding('utf8');
  for await (const chunk of child.stdout ?? []) {
    printed += String(chunk);
    const url = /Serving .* at (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(printed)?.[1];
    if (url) return { child, url };
  }
  throw new Error(`serve printed no address: ${printed}`);
}

const get = (url: string): Promise<Response> => fetch(url, { redirect: 'manual' });

/** A GET with a `Host` header of our choosing (fetch always sends the URL's own). */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { host } }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('sectorpress serve', () => {
  it('serves the output under the base path of the config url, and redirects / there', async () => {
    const site = await builtSite('https://small.example.org/blog');
    await fs.writeFile(path.join(site, '_site', '.secret'), 'hidden');
    const { child, url } = await serve([site]);
    const origin = new URL(url).origin;
    expect(new URL(url).pathname).toBe('/blog/');

    const home = await get(`${origin}/blog/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await home.text()).toContain('Small blog');

    const root = await get(`${origin}/`);
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/blog/');
    expect((await get(`${origin}/blog`)).headers.get('location')).toBe('/blog/');

    const feed = await get(`${origin}/blog/feed.xml`);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toBe(await fs.readFile(path.join(site, '_site', 'feed.xml'), 'utf8'));
    // A folder without its slash moves to it, as hosts do.
    const tags = await get(`${origin}/blog/tags`);
    expect(tags.status).toBe(301);
    expect(tags.headers.get('location')).toBe('/blog/tags/');

    // Outside the base path, missing files and dotfiles: the site's own 404 page.
    const page404 = await fs.readFile(path.join(site, '_site', '404.html'), 'utf8');
    for (const missing of ['/feed.xml', '/blog/no-such-page/', '/blog/.secret', '/blog/%2esecret', '/blog/%E0%A4%A', '//evil.example/']) {
      const response = await get(`${origin}${missing}`);
      expect(response.status, missing).toBe(404);
      expect(await response.text(), missing).toBe(page404);
    }

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('serves a site without a path at the root', async () => {
    const site = await builtSite('https://small.example.org');
    const { url } = await serve([site]);
    expect(new URL(url).pathname).toBe('/');
    const home = await get(url);
    expect(home.status).toBe(200);
    expect(await home.text()).toBe(await fs.readFile(path.join(site, '_site', 'index.html'), 'utf8'));
  });

  it('takes the folder from --out and the path from --base-url', async () => {
    const site = await copyFixture('cli-small');
    const out = path.join(site, 'public');
    expect((await runCliCaptured(['build', site, '--out', out, '--base-url', 'https://x.example/news', '--now', NOW])).code).toBe(0);
    const { url } = await serve([site, '--out', out, '--base-url', 'https://x.example/news']);
    expect(new URL(url).pathname).toBe('/news/');
    expect((await get(url)).status).toBe(200);
  });

  it('says to build first when there is no built site', async () => {
    const site = await copyFixture('cli-small');
    const run = await runCliCaptured(['serve', site, '--port', '0']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('holds no built site');
    expect(run.stderr).toContain('sectorpress build');
  });

  it('answers only localhost, IP addresses and the --host name in the Host header (DNS rebinding)', async () => {
    const site = await builtSite('https://small.example.org/blog');
    const { url } = await serve([site]);
    const port = new URL(url).port;
    for (const foreign of ['evil.example', `evil.example:${port}`, 'small.example.org']) {
      const refused = await getWithHost(url, foreign);
      expect(refused.status, foreign).toBe(403);
      expect(refused.body, foreign).toContain('Refused: this server answers only to localhost');
      expect(refused.body, foreign).not.toContain('Small blog');
    }
    for (const own of [`127.0.0.1:${port}`, `localhost:${port}`, 'localhost']) {
      const answered = await getWithHost(url, own);
      expect(answered.status, own).toBe(200);
      expect(answered.body, own).toContain('Small blog');
    }
  });

  it('does not follow links whose real path leaves the output folder', async () => {
    const site = await builtSite('https://small.example.org/blog');
    const out = path.join(site, '_site');
    const elsewhere = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-serve-outside-'));
    await fs.writeFile(path.join(elsewhere, 'private.txt'), 'PRIVATE NOTES');
    await fs.writeFile(path.join(elsewhere, 'index.html'), '<p>PRIVATE PAGE</p>');
    await fs.symlink('/etc/passwd', path.join(out, 'passwd.txt'));
    await fs.symlink(path.join(elsewhere, 'private.txt'), path.join(out, 'notes.txt'));
    await fs.symlink(path.join(elsewhere, 'index.html'), path.join(out, 'secret.html'));
    await fs.symlink(elsewhere, path.join(out, 'outside'));
    // A link that stays inside the output folder is served as before.
    await fs.symlink(path.join(out, 'feed.xml'), path.join(out, 'also-feed.xml'));
    const { url } = await serve([site]);
    const page404 = await fs.readFile(path.join(out, '404.html'), 'utf8');
    for (const leaving of ['passwd.txt', 'notes.txt', 'secret.html', 'secret', 'outside/private.txt', 'outside/', 'outside/index.html', 'outside%2Fprivate.txt']) {
      const response = await get(`${url}${leaving}`);
      expect(response.status, leaving).toBe(404);
      const text = await response.text();
      expect(text, leaving).toBe(page404);
    }
    const inside = await get(`${url}also-feed.xml`);
    expect(inside.status).toBe(200);
    expect(await inside.text()).toBe(await fs.readFile(path.join(out, 'feed.xml'), 'utf8'));
  });
});
