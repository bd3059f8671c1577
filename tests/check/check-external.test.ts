// `check --external` against a real local HTTP server: broken links are named with their page
// and status, HEAD refusals fall back to GET, slow servers time out, and links that answered OK
// are not requested again on the next run (the cache in the site's cache folder).
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/run-cli.js';

const requests: string[] = [];
let server: http.Server;
let origin: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    if (request.url === '/fine') return void response.writeHead(200).end('ok');
    // Some servers refuse HEAD; the page is there for a GET.
    if (request.url === '/no-head') return void response.writeHead(request.method === 'HEAD' ? 405 : 200).end();
    response.writeHead(404).end('gone');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A site folder whose built output is one page with the given links (no build needed: check reads the output). */
async function siteWithLinks(hrefs: readonly string[]): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-check-external-'));
  const items = hrefs.map((href, index) => `<li><a href="${href}">Link ${index + 1}</a></li>`).join('');
  const html = `<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n<title>Links</title>\n</head>\n<body>\n<main>\n<h1>Links</h1>\n<ul>${items}</ul>\n</main>\n</body>\n</html>\n`;
  await fs.mkdir(path.join(root, '_site'), { recursive: true });
  await fs.writeFile(path.join(root, '_site', 'index.html'), html);
  return root;
}

describe('sectorpress check --external', () => {
  it('names broken external links, accepts a GET where HEAD is refused, and caches links that were fine', async () => {
    const root = await siteWithLinks([`${origin}/fine`, `${origin}/no-head`, `${origin}/gone`]);
    const withoutFlag = await runCliCaptured(['check', root]);
    expect(withoutFlag.code).toBe(0);
    expect(requests).toEqual([]);

    const first = await runCliCaptured(['check', root, '--external']);
    expect(first.code).toBe(1);
    expect(first.stderr).toContain('Broken external links (1) [check/external-link]\n  index.html:10:');
    expect(first.stderr).toContain(`: <a href="${origin}/gone"> → HTTP 404`);
    expect(first.stderr).toMatch(/Checked 1 page( \(1 unchanged\))?, 3 links, 0 feeds, 0 calendars, 3 external links in [\d.]+ s: 1 problem\./);
    expect(requests.sort()).toEqual(['GET /gone', 'GET /no-head', 'HEAD /fine', 'HEAD /gone', 'HEAD /no-head']);

    requests.length = 0;
    const second = await runCliCaptured(['check', root, '--external']);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`<a href="${origin}/gone"> → HTTP 404`);
    // Only the broken link is asked again.
    expect(requests.sort()).toEqual(['GET /gone', 'HEAD /gone']);
  });

  it('gives up on a server that does not answer in time', async () => {
    const silent = http.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const slow = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/slow`;
    try {
      const { checkSite } = await import('../../src/check/check-site.js');
      const root = await siteWithLinks([slow]);
      const report = await checkSite({ outDir: path.join(root, '_site'), siteUrl: 'http://localhost:8080', external: true, timeoutMs: 300 });
      expect(report.problems.map((problem) => problem.message)).toEqual([`<a href="${slow}"> → no answer within 0.3 s`]);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
