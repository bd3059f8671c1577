// A feed address attacked: a gzip bomb with a small Content-Length, a Content-Length over the cap, a body
// that never ends, and a redirect to a metadata address. Servers on 127.0.0.1, started here; the metadata
// address is only a name given to a stub resolver and refused before connecting.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFeedSource } from '../../src/import/feed-read-source.js';
import { formatProblem } from '../../src/shared/errors.js';
import { RSS_FULL } from './feed-samples.js';
import { stubResolver } from './media-samples.js';

const MIB = 1024 * 1024;
/** 64 MB of spaces inside an RSS feed, gzipped to a few dozen kilobytes. */
const BOMB = gzipSync(Buffer.concat([Buffer.from('<rss version="2.0"><channel><title>'), Buffer.alloc(64 * MIB, ' '), Buffer.from('</title></channel></rss>')]));

let server: http.Server;
let origin: string;
let bytesSentForever = 0;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    if (request.url === '/bomb.xml') {
      response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip', 'content-length': String(BOMB.length) });
      response.end(BOMB);
    } else if (request.url === '/says-huge.xml') {
      response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(5 * MIB) });
      response.write('<rss>');
    } else if (request.url === '/forever.xml') {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(64 * 1024, ' ');
      const more = (): void => {
        while (!response.destroyed && response.write(chunk)) bytesSentForever += chunk.length;
      };
      response.on('drain', more);
      more();
    } else if (request.url === '/brotli.xml') {
      response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'br' });
      response.end(brotliCompressSync(RSS_FULL));
    } else if (request.url === '/deflate.xml') {
      response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'deflate' });
      response.end(deflateSync(RSS_FULL));
    } else if (request.url === '/to-metadata') {
      response.writeHead(302, { location: 'http://metadata.test/latest/meta-data/' }).end();
    } else if (request.url === '/moved') {
      response.writeHead(301, { location: '/brotli.xml' }).end();
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function failure(source: string, options: Parameters<typeof readFeedSource>[1]): Promise<string> {
  try {
    await readFeedSource(source, options);
  } catch (error) {
    const problem = (error as { problem?: Parameters<typeof formatProblem>[0] }).problem;
    if (problem) return formatProblem(problem);
    throw error;
  }
  throw new Error('the feed was read');
}

describe('a feed address: sizes', () => {
  it('stops a gzip bomb at the limit, counting the bytes after decompression', async () => {
    expect(BOMB.length).toBeLessThan(MIB);
    expect(await failure(`${origin}/bomb.xml`, { maxBytes: MIB })).toContain(`${origin}/bomb.xml error: The feed is larger than 1 MB. [import/too-large]`);
  });

  it('refuses a feed whose Content-Length is over the limit before reading it', async () => {
    expect(await failure(`${origin}/says-huge.xml`, { maxBytes: MIB })).toContain('The server says the feed is 5 MB, more than the 1 MB a feed may be.');
  });

  it('stops a body that never ends at the limit', async () => {
    expect(await failure(`${origin}/forever.xml`, { maxBytes: MIB })).toContain('The feed is larger than 1 MB.');
    expect(bytesSentForever).toBeLessThan(64 * MIB);
  });

  it('still reads a compressed feed, through a redirect on the same host', async () => {
    expect(await readFeedSource(`${origin}/moved`)).toBe(RSS_FULL);
    expect(await readFeedSource(`${origin}/deflate.xml`)).toBe(RSS_FULL);
  });
});

describe('a feed address: where it may lead', () => {
  it('does not follow a redirect to a metadata address', async () => {
    const resolve = stubResolver({ 'metadata.test': ['169.254.169.254'] });
    const message = await failure(`${origin}/to-metadata`, { policy: { resolve } });
    expect(message).toContain('It redirects where an import may not go: the address 169.254.169.254 (metadata.test) is not on the public internet');
    expect(message).toContain('[import/fetch-refused]');
  });
});
