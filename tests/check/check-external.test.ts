// `check --external` against a real local HTTP server: broken links are named with their page
// and status, HEAD refusals fall back to GET, slow servers time out, and links that answered OK
// are not requested again on the next run (the cache in the site's cache folder).
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExternal } from '../../src/check/check-external.js';
import type { LinkUse } from '../../src/check/check-links.js';
import { type LookupAll, resolvePublic } from '../../src/shared/public-address.js';
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

    const first = await runCliCaptured(['check', root, '--external', '--allow-private-addresses']);
    expect(first.code).toBe(1);
    expect(first.stderr).toContain('Broken external links (1) [check/external-link]\n  index.html:10:');
    expect(first.stderr).toContain(`: <a href="${origin}/gone"> → HTTP 404`);
    expect(first.stderr).toMatch(/Checked 1 page( \(1 unchanged\))?, 3 links, 0 feeds, 0 calendars, 3 external links in [\d.]+ s: 1 problem\./);
    expect(requests.sort()).toEqual(['GET /gone', 'GET /no-head', 'HEAD /fine', 'HEAD /gone', 'HEAD /no-head']);

    requests.length = 0;
    const second = await runCliCaptured(['check', root, '--external', '--allow-private-addresses']);
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
      const report = await checkSite({ outDir: path.join(root, '_site'), siteUrl: 'http://localhost:8080', external: true, allowPrivateAddresses: true, timeoutMs: 300 });
      expect(report.problems.map((problem) => problem.message)).toEqual([`<a href="${slow}"> → no answer within 0.3 s`]);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

/** Links as `checkSite` collects them: each URL used once, on index.html. */
function uses(urls: readonly string[]): Map<string, LinkUse[]> {
  return new Map(urls.map((url, index) => [url, [{ file: 'index.html', link: { tag: 'a', attr: 'href', url, line: 10, column: index + 1 } }]]));
}

/** A resolver for names that must never be looked up in real DNS. */
const stubLookup: LookupAll = async (hostname) => {
  const table: Record<string, string[]> = { 'intranet.example.org': ['10.20.30.40'], 'metadata.example.org': ['169.254.169.254'], 'cgnat.example.org': ['100.64.0.9'] };
  const found = table[hostname];
  if (!found) throw Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return found.map((address) => ({ address }));
};

describe('check --external: what is refused, and politeness per host', () => {
  it('by default requests nothing on a loopback address, and says so at the link', async () => {
    requests.length = 0;
    const root = await siteWithLinks([`${origin}/fine`, `http://localhost:${new URL(origin).port}/fine`, 'http://[::ffff:7f00:1]/admin']);
    const run = await runCliCaptured(['check', root, '--external']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('External links to private addresses (not requested) (3) [check/external-private]');
    expect(run.stderr).toContain(`index.html:10:`);
    expect(run.stderr).toContain(`<a href="${origin}/fine"> → not checked: private address (127.0.0.1)`);
    expect(run.stderr).toMatch(/<a href="http:\/\/localhost:\d+\/fine"> → not checked: private address \((127\.0\.0\.1|::1)\)/);
    expect(run.stderr).toContain('<a href="http://[::ffff:7f00:1]/admin"> → not checked: private address (::ffff:7f00:1)');
    expect(requests).toEqual([]);
  });

  it('refuses names that resolve to private, link-local and CGNAT addresses, and redirects to them', async () => {
    requests.length = 0;
    const hop = http.createServer((request, response) => {
      requests.push(`${request.method} ${request.url}`);
      response.writeHead(302, { location: 'http://metadata.example.org/latest/meta-data/' }).end();
    });
    await new Promise<void>((resolve) => hop.listen(0, '127.0.0.1', resolve));
    const redirecting = `http://127.0.0.1:${(hop.address() as AddressInfo).port}/moved`;
    try {
      // The local test server stands for a public one; every other name goes through the default rule.
      const resolveHost = (host: string) => (host === '127.0.0.1' ? Promise.resolve({ kind: 'public' as const, addresses: [host] }) : resolvePublic(host, stubLookup));
      const result = await checkExternal(uses(['http://intranet.example.org/', 'http://metadata.example.org/latest/meta-data/', 'https://cgnat.example.org/x', redirecting]), {
        timeoutMs: 2000,
        resolveHost,
        hostIntervalMs: 0,
      });
      expect(result.problems.map((problem) => [problem.code, problem.message])).toEqual(
        expect.arrayContaining([
          ['check/external-private', '<a href="http://intranet.example.org/"> → not checked: private address (10.20.30.40)'],
          ['check/external-private', '<a href="http://metadata.example.org/latest/meta-data/"> → not checked: private address (169.254.169.254)'],
          ['check/external-private', '<a href="https://cgnat.example.org/x"> → not checked: private address (100.64.0.9)'],
          ['check/external-private', `<a href="${redirecting}"> → not checked: private address (169.254.169.254)`],
        ]),
      );
      expect(result.problems).toHaveLength(4);
      // Only the redirecting server (on 127.0.0.1) was ever asked; the redirect was not followed.
      expect(requests).toEqual(['HEAD /moved']);
    } finally {
      await new Promise<void>((resolve) => hop.close(() => resolve()));
    }
  });

  it('asks one host at most two things at a time', async () => {
    let inFlight = 0;
    let most = 0;
    const held: (() => void)[] = [];
    const busy = http.createServer((_request, response) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      let answered = false;
      const answer = (): void => {
        if (answered) return;
        answered = true;
        inFlight -= 1;
        response.writeHead(200).end();
      };
      // Answer when a third request arrives (it never should) or soon after.
      held.push(answer);
      if (held.length >= 3) for (const release of held.splice(0)) release();
      else setTimeout(answer, 150);
    });
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(busy.address() as AddressInfo).port}`;
    try {
      const result = await checkExternal(uses(Array.from({ length: 6 }, (_, index) => `${base}/page-${index}`)), {
        timeoutMs: 5000,
        resolveHost: async (host) => ({ kind: 'public', addresses: [host] }),
        hostIntervalMs: 0,
      });
      expect(result.problems).toEqual([]);
      expect(result.checked).toBe(6);
      expect(most).toBe(2);
    } finally {
      busy.closeAllConnections();
      await new Promise<void>((resolve) => busy.close(() => resolve()));
    }
  });
});
