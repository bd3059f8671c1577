// The dev server as a network service, over raw sockets: it serves only the static files the
// last build admitted (a file swapped for a link is never read), answers only Host names that
// cannot be DNS-rebound, never redirects off-site, and says so when it listens beyond this computer.
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevServer, type DevServer } from '../../src/dev/create-dev-server.js';
import type { RebuildResult } from '../../src/dev/dev-session.js';
import { copyFixture } from '../support/site-folder.js';

const NOW = '2024-11-15T12:00:00Z';
const SECRET = 'SECRET-BYTES-9f86d081884c7d65';
let site: string;
let server: DevServer;
const logs: string[] = [];
let waiters: ((result: RebuildResult) => void)[] = [];

beforeAll(async () => {
  site = await copyFixture('blog-basic');
  await fs.mkdir(path.join(site, 'static'), { recursive: true });
  await fs.writeFile(path.join(site, 'static', 'notes.txt'), 'Public notes.\n');
  await fs.writeFile(path.join(site, 'static', 'plan.txt'), 'Public plan.\n');
  // A page whose URL looks like a host name: `GET //evil.example` must not become `//evil.example/`.
  await fs.writeFile(path.join(site, 'pages', 'evil.example.md'), '---\ntitle: Named like a host\n---\n\nText.\n');
  server = await createDevServer({
    root: site,
    port: 0,
    now: NOW,
    drafts: true,
    log: (line) => logs.push(line),
    onRebuild: (result) => {
      const current = waiters;
      waiters = [];
      for (const waiter of current) waiter(result);
    },
  });
});

afterAll(async () => {
  await server?.close();
});

interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

function dechunk(body: string): string {
  let text = '';
  for (let at = 0; ; ) {
    const end = body.indexOf('\r\n', at);
    const size = Number.parseInt(body.slice(at, end), 16);
    if (!(size > 0)) return text;
    text += body.slice(end + 2, end + 2 + size);
    at = end + 2 + size + 2;
  }
}

/** One request written byte for byte (request line and headers as given), read to the end. */
function raw(requestLine: string, headers: readonly string[] = [`Host: ${new URL(server.url).host}`]): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(server.url);
    const socket = net.connect(Number(url.port), '127.0.0.1', () => {
      socket.write(`${requestLine}\r\n${[...headers, 'Connection: close'].join('\r\n')}\r\n\r\n`);
    });
    let response = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      response += chunk;
    });
    socket.on('end', () => {
      const [head = '', ...rest] = response.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      const body = rest.join('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0), headers, body: headers['transfer-encoding'] === 'chunked' ? dechunk(body) : body });
    });
    socket.on('error', reject);
  });
}

async function secretOutside(): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-secret-'));
  await fs.writeFile(path.join(folder, 'secret.txt'), `${SECRET}\n`);
  return path.join(folder, 'secret.txt');
}

describe('static files are served only as the last build admitted them', () => {
  it('never serves the target of a link swapped in for a static file (20 requests right after the swap)', async () => {
    expect((await raw('GET /notes.txt HTTP/1.1')).body).toBe('Public notes.\n');
    const secret = await secretOutside();
    const target = path.join(site, 'static', 'notes.txt');
    const rebuilt = new Promise<RebuildResult>((resolve) => waiters.push(resolve));
    // Atomic swap, as an attacker racing the server would do it.
    await fs.symlink(secret, `${target}.swap`);
    await fs.rename(`${target}.swap`, target);
    const answers = await Promise.all(Array.from({ length: 20 }, () => raw('GET /notes.txt HTTP/1.1')));
    for (const answer of answers) {
      expect(answer.body).not.toContain(SECRET);
      expect(answer.status).toBe(404);
    }
    await rebuilt;
    expect((await raw('GET /notes.txt HTTP/1.1')).body).not.toContain(SECRET);
    expect(logs).toContainEqual(expect.stringMatching(/^static\/notes\.txt warning: Skipped: this is a link to a file outside the site folder/));
  });

  it.skipIf(process.platform === 'win32')('answers at once when a static file is swapped for a FIFO', async () => {
    const target = path.join(site, 'static', 'plan.txt');
    await fs.rm(target);
    execFileSync('mkfifo', [target]);
    const answer = await raw('GET /plan.txt HTTP/1.1');
    expect(answer.status).toBe(404);
  });
});

describe('the Host header', () => {
  it.each(['evil.example', 'evil.example:8080', 'localhost.evil.example', '127.0.0.1.evil.example', 'evil.example:80@127.0.0.1'])('refuses Host %j with 403, drafts included', async (host) => {
    const page = await raw('GET /2024/11/draft-budget/ HTTP/1.1', [`Host: ${host}`]);
    expect(page.status).toBe(403);
    expect(page.headers['content-type']).toMatch(/^text\/plain/);
    expect(page.body).toMatch(/DNS rebinding/);
    expect(page.body).not.toMatch(/<html/i);
    expect((await raw('GET /__sectorpress/events HTTP/1.1', [`Host: ${host}`])).status).toBe(403);
  });

  it('refuses a request with no Host at all', async () => {
    expect((await raw('GET / HTTP/1.0', [])).status).toBe(403);
  });

  it.each(['127.0.0.1', '127.0.0.1:PORT', 'localhost', 'localhost:PORT', 'LocalHost:PORT', '[::1]:PORT', 'blog.localhost:PORT'])('answers Host %j', async (host) => {
    const page = await raw('GET /2024/11/draft-budget/ HTTP/1.1', [`Host: ${host.replace('PORT', String(server.port))}`]);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<html');
  });
});

describe('redirects to a folder’s slash', () => {
  it('refuses GET //tags (an empty first segment) instead of redirecting to another host', async () => {
    const answer = await raw('GET //tags HTTP/1.1');
    expect(answer.status).toBe(400);
    expect(answer.headers.location).toBeUndefined();
    expect((await raw('GET //evil.example HTTP/1.1')).headers.location).toBeUndefined();
  });

  it.each([
    '//evil.example',
    '//evil.example/',
    '///evil.example/tags',
    '/\\evil.example',
    '/\\/evil.example',
    '//evil.example/%2e%2e/tags',
    '/%2F%2Fevil.example',
    '//tags?x=//evil.example',
    '/%09/evil.example',
  ])('never sends %j off-site', async (target) => {
    const answer = await raw(`GET ${target} HTTP/1.1`);
    const location = answer.headers.location;
    if (location !== undefined) {
      expect(location).toMatch(/^\/(?![/\\])/);
      expect(new URL(location, server.url).origin).toBe(new URL(server.url).origin);
    }
    expect([200, 301, 400, 404]).toContain(answer.status);
  });
});

describe('listening beyond this computer', () => {
  it('warns when bound to every interface, and not on the default 127.0.0.1', async () => {
    expect(logs.some((line) => /Warning: listening/.test(line))).toBe(false);
    const lines: string[] = [];
    const open = await createDevServer({ root: site, port: 0, host: '0.0.0.0', now: NOW, drafts: true, log: (line) => lines.push(line) });
    try {
      expect(lines).toContainEqual(expect.stringMatching(/Warning: listening on 0\.0\.0\.0 \(every network this computer is on\), so anyone who can reach it can read this site, drafts included/));
      const page = await fetch(`http://127.0.0.1:${open.port}/`);
      expect(page.status).toBe(200);
    } finally {
      await open.close();
    }
  });
});
