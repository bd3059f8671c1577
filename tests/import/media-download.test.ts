// `--download` attacked: hosts that resolve inside the network, redirect chains that lead there, files that are
// not what their names say, names that are dangerous to publish, bodies too large or never ending, servers that
// cut the connection, and errors that asking again cannot mend. Every server is on 127.0.0.1, started here;
// private and metadata addresses are only ever answers of a stub resolver for `.test` names (which real DNS
// never resolves), so not even an importer that failed to refuse them could reach one.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFeed } from '../../src/import/import-feed.js';
import { importWordPress } from '../../src/import/import-wordpress.js';
import { fetchMedia, hostAllowed, type MediaOptions } from '../../src/import/media-fetch.js';
import { runCliCaptured } from '../support/run-cli.js';
import { wxrExport } from '../support/wxr-export.js';
import { listFiles, LOOPBACK_SERVERS, mediaBytes, stubResolver } from './media-samples.js';

let temp: string;
beforeEach(async () => {
  temp = await mkdtemp(path.join(tmpdir(), 'sectorpress-download-'));
});
afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

type Handler = (request: IncomingMessage, response: ServerResponse, count: number) => void;

interface TestServer {
  origin: string;
  port: number;
  /** Requests per path. */
  requests: Map<string, number>;
  /** TCP connections accepted. */
  connections: number;
  hosts: string[];
  close: () => Promise<void>;
}

async function startServer(routes: Record<string, Handler>): Promise<TestServer> {
  const requests = new Map<string, number>();
  const hosts: string[] = [];
  let connections = 0;
  const server = createServer((request, response) => {
    const name = request.url ?? '';
    const count = (requests.get(name) ?? 0) + 1;
    requests.set(name, count);
    hosts.push(request.headers.host ?? '');
    const route = routes[name];
    if (route) route(request, response, count);
    else response.writeHead(404).end('not found');
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    hosts,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const send =
  (body: Buffer | string, type = 'application/octet-stream'): Handler =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)) }).end(body);
  };

const redirect =
  (to: string, status = 302): Handler =>
  (_request, response) => {
    response.writeHead(status, { location: to }).end();
  };

const uploads = (file: string): string => `/wp-content/uploads/2024/05/${file}`;

const NOT_PUBLIC = 'is not on the public internet (loopback, private, link-local or reserved)';

describe('which addresses --download connects to', () => {
  it('refuses loopback, private, link-local, CGNAT, unique-local and mapped addresses before connecting, by default', async () => {
    const old = await startServer({ [uploads('inside.jpg')]: send(mediaBytes('jpg', 'inside', 200), 'image/jpeg') });
    try {
      const resolve = stubResolver({
        'intranet.test': ['10.0.0.5'],
        'metadata.test': ['169.254.169.254'],
        'cgnat.test': ['100.64.1.1'],
        'ula.test': ['fd00::5'],
        'router.test': ['192.168.1.1'],
        // One public address is not enough: every address of a name must be public.
        'mixed.test': ['93.184.216.34', '172.16.0.9'],
        'mapped.test': ['::ffff:10.0.0.5'],
        'zero.test': ['0.0.0.0'],
        'loopback6.test': ['::1'],
        'mapped-loopback.test': ['::ffff:127.0.0.1'],
      });
      const urls = [
        `${old.origin}${uploads('inside.jpg')}`,
        ...['loopback6', 'mapped-loopback', 'intranet', 'metadata', 'cgnat', 'ula', 'router', 'mixed', 'mapped', 'zero'].map((name) => `http://${name}.test${uploads(`${name}.jpg`)}`),
      ];
      const site = path.join(temp, 'site');
      const { mapping, missing } = await fetchMedia(urls, site, { siteUrl: old.origin, download: true, policy: { resolve } });
      expect(mapping.size).toBe(0);
      expect(missing).toHaveLength(urls.length);
      for (const { reason, refused } of missing) {
        expect(reason).toContain(NOT_PUBLIC);
        expect(refused).toBe(true);
      }
      expect(missing.find(({ url }) => url.includes('metadata.test'))?.reason).toBe(`the address 169.254.169.254 (metadata.test) ${NOT_PUBLIC}`);
      expect(missing.find(({ url }) => url.includes('mixed.test'))?.reason).toContain('172.16.0.9');
      expect(old.connections).toBe(0);
      expect(await listFiles(temp)).toEqual([]);
    } finally {
      await old.close();
    }
  });

  it('vets every redirect hop: a chain that ends at a metadata, private or loopback address is refused', async () => {
    const routes: Record<string, Handler> = {
      [uploads('metadata.jpg')]: redirect('/hop-1'),
      '/hop-1': redirect('http://metadata.test/latest/meta-data/iam/security-credentials/', 301),
      [uploads('private.jpg')]: redirect('http://mapped.test/x.jpg', 307),
      [uploads('intranet.jpg')]: redirect('http://intranet.test/x.jpg', 308),
      [uploads('file.jpg')]: redirect('file:///etc/passwd'),
      [uploads('loop.jpg')]: redirect(uploads('loop.jpg')),
      [uploads('moved.jpg')]: redirect('/media/moved.jpg'),
      '/media/moved.jpg': send(mediaBytes('jpg', 'moved', 300), 'image/jpeg'),
    };
    // Loopback at another address than the server's: the policy allows 127.0.0.1 alone.
    routes[uploads('loopback.jpg')] = redirect('http://loopback.test/x.jpg');
    const old = await startServer(routes);
    try {
      const resolve = stubResolver({ 'loopback.test': ['127.0.0.2'], 'metadata.test': ['169.254.169.254'], 'intranet.test': ['10.1.2.3'], 'mapped.test': ['::ffff:10.0.0.5'] });
      const at = (file: string): string => `${old.origin}${uploads(file)}`;
      const site = path.join(temp, 'site');
      const files = ['metadata.jpg', 'private.jpg', 'intranet.jpg', 'loopback.jpg', 'file.jpg', 'loop.jpg', 'moved.jpg'];
      const { mapping, missing } = await fetchMedia(files.map(at), site, { siteUrl: old.origin, download: true, policy: { ...LOOPBACK_SERVERS, resolve } });
      expect(Object.fromEntries(mapping)).toEqual({ [at('moved.jpg')]: '/images/uploads/2024/05/moved.jpg' });
      expect(Object.fromEntries(missing.map(({ url, reason }) => [url.slice(old.origin.length), reason]))).toEqual({
        [uploads('metadata.jpg')]: `the address 169.254.169.254 (metadata.test) ${NOT_PUBLIC}`,
        [uploads('private.jpg')]: `the address ::ffff:10.0.0.5 (mapped.test) ${NOT_PUBLIC}`,
        [uploads('intranet.jpg')]: `the address 10.1.2.3 (intranet.test) ${NOT_PUBLIC}`,
        [uploads('loopback.jpg')]: `the address 127.0.0.2 (loopback.test) ${NOT_PUBLIC}`,
        [uploads('file.jpg')]: 'file: is not http(s)',
        [uploads('loop.jpg')]: 'more than 5 redirects',
      });
      // Each refusal is final: asked once, never retried.
      expect(old.requests.get(uploads('metadata.jpg'))).toBe(1);
      expect(old.requests.get(uploads('loop.jpg'))).toBe(6);
      expect(await listFiles(site)).toEqual(['static/images/uploads/2024/05/moved.jpg']);
    } finally {
      await old.close();
    }
  });

  it('connects to the address it vetted, not to a second answer of the resolver', async () => {
    const old = await startServer({ [uploads('pinned.jpg')]: send(mediaBytes('jpg', 'pinned', 200), 'image/jpeg') });
    try {
      let asked = 0;
      // A rebinding resolver: the vetted answer first, a private one for anyone who asks again.
      const resolve = async (): Promise<{ address: string; family: 4 | 6 }[]> => {
        asked += 1;
        return [{ address: asked === 1 ? '127.0.0.1' : '10.0.0.5', family: 4 }];
      };
      const url = `http://uploads.test:${old.port}${uploads('pinned.jpg')}`;
      const { mapping, missing } = await fetchMedia([url], path.join(temp, 'site'), { siteUrl: 'http://uploads.test', download: true, policy: { ...LOOPBACK_SERVERS, resolve } });
      expect(missing).toEqual([]);
      expect([...mapping.values()]).toEqual(['/images/uploads/2024/05/pinned.jpg']);
      expect(asked).toBe(1);
      expect(old.hosts).toEqual([`uploads.test:${old.port}`]);
    } finally {
      await old.close();
    }
  });

  it('takes WordPress media only from the allowed hosts', async () => {
    const old = await startServer({ [uploads('photo.jpg')]: send(mediaBytes('jpg', 'photo', 200)), [uploads('other.jpg')]: send(mediaBytes('jpg', 'other', 200)) });
    try {
      const resolve = stubResolver({ 'blog.test': ['127.0.0.1'], 'elsewhere.test': ['127.0.0.1'] });
      const own = `http://blog.test:${old.port}${uploads('photo.jpg')}`;
      const other = `http://elsewhere.test:${old.port}${uploads('other.jpg')}`;
      const options: MediaOptions = { siteUrl: `http://blog.test:${old.port}`, download: true, policy: { ...LOOPBACK_SERVERS, resolve }, allowedHosts: ['blog.test'] };
      const first = await fetchMedia([own, other], path.join(temp, 'one'), options);
      expect([...first.mapping.keys()]).toEqual([own]);
      expect(first.missing).toEqual([{ url: other, reason: 'elsewhere.test is not the old site’s host (allow it with --allow-host elsewhere.test)', refused: true }]);
      expect(old.hosts).toEqual([`blog.test:${old.port}`]);
      const second = await fetchMedia([other], path.join(temp, 'two'), { ...options, allowedHosts: ['blog.test', '*.elsewhere.test'] });
      expect([...second.mapping.keys()]).toEqual([other]);
      expect(hostAllowed('cdn.elsewhere.test', ['*.elsewhere.test'])).toBe(true);
      expect(hostAllowed('notelsewhere.test', ['*.elsewhere.test'])).toBe(false);
    } finally {
      await old.close();
    }
  });
});

describe('what --download takes', () => {
  it('checks each file’s bytes, not its Content-Type: HTML served as a JPEG, a PNG named .pdf', async () => {
    const old = await startServer({
      [uploads('photo.jpg')]: send('<!doctype html><script>fetch("/steal")</script>', 'image/jpeg'),
      [uploads('minutes.pdf')]: send(mediaBytes('png', 'not a pdf', 300), 'application/pdf'),
      [uploads('good.pdf')]: send(mediaBytes('pdf', 'minutes', 300), 'text/html'),
      [uploads('slides.docx')]: send(mediaBytes('docx', 'slides', 300)),
    });
    try {
      const at = (file: string): string => `${old.origin}${uploads(file)}`;
      const site = path.join(temp, 'site');
      const { mapping, missing } = await fetchMedia(['photo.jpg', 'minutes.pdf', 'good.pdf', 'slides.docx'].map(at), site, { siteUrl: old.origin, download: true, policy: LOOPBACK_SERVERS });
      expect([...mapping.keys()]).toEqual([at('good.pdf'), at('slides.docx')]);
      expect(missing).toEqual([
        { url: at('minutes.pdf'), reason: 'its bytes are not a .pdf file', refused: true },
        { url: at('photo.jpg'), reason: 'the server sent a web page, not the file', refused: true },
      ]);
      expect(old.requests.get(uploads('photo.jpg'))).toBe(1);
      expect(await listFiles(temp)).toEqual(['site/static/images/uploads/2024/05/good.pdf', 'site/static/images/uploads/2024/05/slides.docx']);
    } finally {
      await old.close();
    }
  });

  it('refuses active content and dangerous names without asking for them', async () => {
    const names = [
      '.htaccess',
      'page.html',
      'app.js',
      'logo.svg',
      'shell.php',
      'notes.txt',
      '.hidden.jpg',
      `summer${encodeURIComponent('\u202e')}gnp.jpg`,
      `joined${encodeURIComponent('\u200d')}.png`,
      'CON.jpg',
      'aux.png',
      'lpt1.pdf',
      'photo.jpg.',
      `photo.jpg${encodeURIComponent(' ')}`,
      'no-extension',
    ];
    const old = await startServer(Object.fromEntries(names.map((name) => [uploads(name), send(mediaBytes('jpg', name, 100))])));
    try {
      const urls = names.map((name) => `${old.origin}${uploads(name)}`);
      const site = path.join(temp, 'site');
      const { mapping, missing } = await fetchMedia(urls, site, { siteUrl: old.origin, download: true, policy: LOOPBACK_SERVERS });
      expect(mapping.size).toBe(0);
      const reasons = Object.fromEntries(missing.map(({ url, reason, refused }) => [decodeURIComponent(url.slice(url.lastIndexOf('/') + 1)), refused ? reason : `NOT REFUSED: ${reason}`]));
      expect(reasons).toEqual({
        '.htaccess': 'a hidden file (.htaccess)',
        'page.html': '.html files can run script or change the server, so they are never imported',
        'app.js': '.js files can run script or change the server, so they are never imported',
        'logo.svg': '.svg files can run script or change the server, so they are never imported',
        'shell.php': '.php files can run script or change the server, so they are never imported',
        'notes.txt': '.txt is not a media or document type (allow it with --allow-type txt)',
        '.hidden.jpg': 'a hidden file (.hidden.jpg)',
        'summer\u202egnp.jpg': 'control or text-direction characters in the name',
        'joined\u200d.png': 'control or text-direction characters in the name',
        'CON.jpg': 'a name Windows cannot use',
        'aux.png': 'a name Windows cannot use',
        'lpt1.pdf': 'a name Windows cannot use',
        'photo.jpg.': 'a name Windows cannot use',
        'photo.jpg ': 'a name Windows cannot use',
        'no-extension': 'no file type in the name',
      });
      expect(old.requests.size).toBe(0);
      expect(await listFiles(temp)).toEqual([]);
    } finally {
      await old.close();
    }
  });

  it('takes another type when asked, but never active content', async () => {
    const old = await startServer({ [uploads('notes.txt')]: send('Minutes of the meeting'), [uploads('logo.svg')]: send('<svg xmlns="http://www.w3.org/2000/svg"/>') });
    try {
      const at = (file: string): string => `${old.origin}${uploads(file)}`;
      const { mapping, missing } = await fetchMedia([at('notes.txt'), at('logo.svg')], path.join(temp, 'site'), {
        siteUrl: old.origin,
        download: true,
        policy: LOOPBACK_SERVERS,
        allowTypes: ['txt', 'svg'],
      });
      expect([...mapping.keys()]).toEqual([at('notes.txt')]);
      expect(missing.map(({ url }) => url)).toEqual([at('logo.svg')]);
    } finally {
      await old.close();
    }
  });
});

describe('sizes and time', () => {
  it('refuses a file whose Content-Length is over the cap, one that grows past it, and stops at the import’s total', async () => {
    const chunked =
      (size: number): Handler =>
      (_request, response) => {
        response.writeHead(200, { 'content-type': 'image/jpeg' });
        response.end(mediaBytes('jpg', 'big', size));
      };
    const old = await startServer({
      [uploads('declared.jpg')]: send(mediaBytes('jpg', 'declared', 5000)),
      [uploads('grows.jpg')]: chunked(5000),
      [uploads('a.jpg')]: chunked(600),
      [uploads('b.jpg')]: chunked(600),
    });
    try {
      const at = (file: string): string => `${old.origin}${uploads(file)}`;
      const site = path.join(temp, 'site');
      const options: MediaOptions = { siteUrl: old.origin, download: true, policy: LOOPBACK_SERVERS, concurrency: 1, maxFileBytes: 1024, maxTotalBytes: 12_000 };
      const single = await fetchMedia([at('declared.jpg'), at('grows.jpg')], site, options);
      expect(single.missing).toEqual([
        { url: at('declared.jpg'), reason: 'it is 5 KB, over the 1 KB a file may be', refused: true },
        { url: at('grows.jpg'), reason: 'it is over the 1 KB a file may be', refused: true },
      ]);
      const total = await fetchMedia([at('a.jpg'), at('b.jpg')], site, { ...options, maxTotalBytes: 1000 });
      expect([...total.mapping.keys()]).toEqual([at('a.jpg')]);
      expect(total.missing).toEqual([{ url: at('b.jpg'), reason: 'the import reached its 1 KB download total', refused: true }]);
      expect(await listFiles(temp)).toEqual(['site/static/images/uploads/2024/05/a.jpg']);
    } finally {
      await old.close();
    }
  });

  it('gives up on a server that drips bytes forever at the file’s deadline, whatever the time per attempt', async () => {
    const dripping: ServerResponse[] = [];
    const old = await startServer({
      [uploads('drip.jpg')]: (_request, response) => {
        dripping.push(response);
        response.writeHead(200, { 'content-type': 'image/jpeg' });
        response.write(mediaBytes('jpg', 'x', 8));
        const timer = setInterval(() => response.write('x'), 20);
        response.on('close', () => clearInterval(timer));
      },
    });
    try {
      const url = `${old.origin}${uploads('drip.jpg')}`;
      const site = path.join(temp, 'site');
      const result = await fetchMedia([url], site, { siteUrl: old.origin, download: true, policy: LOOPBACK_SERVERS, deadlineMs: 500, timeoutMs: 600_000 });
      expect(result.missing).toEqual([{ url, reason: 'timed out' }]);
      expect(await listFiles(temp)).toEqual([]);
      // Each attempt's own limit covers the body too; a timed-out attempt is worth one more.
      const perAttempt = await fetchMedia([url], site, { siteUrl: old.origin, download: true, policy: LOOPBACK_SERVERS, deadlineMs: 600_000, timeoutMs: 300, retries: 1, retryDelayMs: 10 });
      expect(perAttempt.missing).toEqual([{ url, reason: 'timed out' }]);
      expect(old.requests.get(uploads('drip.jpg'))).toBe(3);
      expect(await listFiles(temp)).toEqual([]);
    } finally {
      for (const response of dripping) response.destroy();
      await old.close();
    }
  });

  it('leaves no .part file anywhere when every attempt is cut off mid-body', async () => {
    const video = mediaBytes('mp4', 'video', 20_000);
    const old = await startServer({
      [uploads('cut.mp4')]: (_request, response) => {
        response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(video.length) });
        response.write(video.subarray(0, 5000), () => response.socket?.destroy());
      },
    });
    try {
      const url = `${old.origin}${uploads('cut.mp4')}`;
      const site = path.join(temp, 'site');
      const result = await fetchMedia([url], site, { siteUrl: old.origin, download: true, policy: LOOPBACK_SERVERS, retries: 2, retryDelayMs: 10 });
      expect(result.mapping.size).toBe(0);
      expect(result.missing).toHaveLength(1);
      // Cut off: worth asking again, each time from where the last attempt stopped.
      expect(old.requests.get(uploads('cut.mp4'))).toBe(3);
      expect(await listFiles(temp)).toEqual([]);
    } finally {
      await old.close();
    }
  });
});

describe('retries', () => {
  it('asks again only about what can go away: 5xx, 408, 429 after its Retry-After; never another 4xx or a long Retry-After', async () => {
    const photo = mediaBytes('jpg', 'photo', 200);
    const old = await startServer({
      [uploads('busy.jpg')]: (request, response, count) => (count < 3 ? response.writeHead(503).end() : send(photo)(request, response, count)),
      [uploads('timeout.jpg')]: (request, response, count) => (count === 1 ? response.writeHead(408).end() : send(photo)(request, response, count)),
      [uploads('slow-down.jpg')]: (request, response, count) => (count === 1 ? response.writeHead(429, { 'retry-after': '0' }).end() : send(photo)(request, response, count)),
      [uploads('come-back-tomorrow.jpg')]: (_request, response) => response.writeHead(429, { 'retry-after': '86400' }).end(),
      [uploads('gone.jpg')]: (_request, response) => response.writeHead(410).end(),
      [uploads('private.jpg')]: (_request, response) => response.writeHead(401).end(),
      [uploads('broken.jpg')]: (_request, response) => response.writeHead(500).end(),
    });
    try {
      const at = (file: string): string => `${old.origin}${uploads(file)}`;
      const files = ['busy.jpg', 'timeout.jpg', 'slow-down.jpg', 'come-back-tomorrow.jpg', 'gone.jpg', 'private.jpg', 'broken.jpg'];
      const site = path.join(temp, 'site');
      const { mapping, missing } = await fetchMedia(files.map(at), site, { siteUrl: old.origin, download: true, policy: LOOPBACK_SERVERS, retries: 2, retryDelayMs: 10 });
      expect([...mapping.keys()]).toEqual([at('busy.jpg'), at('slow-down.jpg'), at('timeout.jpg')]);
      expect(missing).toEqual([
        { url: at('broken.jpg'), reason: '500 Internal Server Error' },
        { url: at('come-back-tomorrow.jpg'), reason: '429 Too Many Requests, and asked to wait 86400 s' },
        { url: at('gone.jpg'), reason: '410 Gone' },
        { url: at('private.jpg'), reason: '401 Unauthorized' },
      ]);
      expect(Object.fromEntries(old.requests)).toEqual({
        [uploads('busy.jpg')]: 3,
        [uploads('timeout.jpg')]: 2,
        [uploads('slow-down.jpg')]: 2,
        [uploads('come-back-tomorrow.jpg')]: 1,
        [uploads('gone.jpg')]: 1,
        [uploads('private.jpg')]: 1,
        [uploads('broken.jpg')]: 3,
      });
      expect(await readFile(path.join(site, 'static/images/uploads/2024/05/busy.jpg'))).toEqual(photo);
    } finally {
      await old.close();
    }
  });

  it('does not ask again after a TLS failure (https to a server that speaks plain HTTP)', async () => {
    const old = await startServer({});
    try {
      const url = `https://127.0.0.1:${old.port}${uploads('tls.jpg')}`;
      const { missing } = await fetchMedia([url], path.join(temp, 'site'), { siteUrl: old.origin, download: true, policy: LOOPBACK_SERVERS, retries: 3, retryDelayMs: 10 });
      expect(missing).toHaveLength(1);
      expect(missing[0]?.reason).toMatch(/EPROTO|SSL|TLS/i);
      expect(old.connections).toBe(1);
    } finally {
      await old.close();
    }
  });
});

describe('the import report', () => {
  it('import wordpress --download takes only the export’s own hosts and lists every refusal with its address and why', async () => {
    const old = await startServer({
      [uploads('team.jpg')]: send(mediaBytes('jpg', 'team', 300), 'image/jpeg'),
      [uploads('fake.jpg')]: send('<html><body>Log in</body></html>', 'image/jpeg'),
      [uploads('.htaccess')]: send('Options +ExecCGI'),
      [uploads('elsewhere.jpg')]: send(mediaBytes('jpg', 'elsewhere', 300), 'image/jpeg'),
    });
    try {
      const blog = `http://blog.test:${old.port}`;
      const images = [
        `${blog}${uploads('team.jpg')}`,
        `${blog}${uploads('fake.jpg')}`,
        `${blog}${uploads('.htaccess')}`,
        `http://other.test:${old.port}${uploads('elsewhere.jpg')}`,
        `http://metadata.test${uploads('keys.jpg')}`,
      ];
      const body = images.map((src) => `<p><img src="${src}" alt="Picture"></p>`).join('\n');
      const folder = await mkdtemp(path.join(temp, 'export-'));
      const exportFile = path.join(folder, 'export.xml');
      await writeFile(exportFile, wxr(blog, body));
      const site = path.join(temp, 'site');
      const policy = { ...LOOPBACK_SERVERS, resolve: stubResolver({ 'blog.test': ['127.0.0.1'], 'other.test': ['127.0.0.1'], 'metadata.test': ['169.254.169.254'] }) };
      const result = await importWordPress(exportFile, { out: site, download: true, timeZone: 'Europe/London', categories: 'tags', policy });
      expect(result.problems).toEqual([]);
      expect(result.value?.counts['media copied']).toBe(1);
      const report = await readFile(path.join(site, 'import-report.md'), 'utf8');
      for (const [url, why] of [
        [images[1], 'the server sent a web page, not the file'],
        [images[2], 'a hidden file (.htaccess)'],
        [images[3], 'other.test is not the old site’s host (allow it with --allow-host other.test)'],
        [images[4], 'metadata.test is not the old site’s host (allow it with --allow-host metadata.test)'],
      ]) {
        expect(report).toContain(`uses ${url}, which could not be had (${why}).`);
      }
      expect(report).toContain('for a host you trust: --allow-host');
      expect(await listFiles(path.join(site, 'static'))).toEqual(['images/uploads/2024/05/team.jpg']);
      expect(old.requests.get(uploads('elsewhere.jpg'))).toBeUndefined();

      // Allowing a host does not allow its address.
      const allowedSite = path.join(temp, 'allowed');
      const allowed = await importWordPress(exportFile, { out: allowedSite, download: true, timeZone: 'Europe/London', categories: 'tags', policy, allowHosts: ['other.test', 'metadata.test'] });
      expect(allowed.value?.counts['media copied']).toBe(2);
      expect(await readFile(path.join(allowedSite, 'import-report.md'), 'utf8')).toContain(`uses ${images[4]}, which could not be had (the address 169.254.169.254 (metadata.test) ${NOT_PUBLIC}).`);
    } finally {
      await old.close();
    }
  });

  it('import feed --download lists a refused image with its address and why', async () => {
    const routes: Record<string, Handler> = {
      '/img/ok.png': send(mediaBytes('png', 'ok', 200), 'image/png'),
      '/img/trap.svg': send('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'image/svg+xml'),
      '/img/noext': send('<!doctype html><title>x</title>', 'image/jpeg'),
    };
    const old = await startServer(routes);
    try {
      const items = ['/img/ok.png', '/img/trap.svg', '/img/noext'].map((image) => `${old.origin}${image}`);
      const rss = `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Pool news</title><link>https://pool.example.org/</link><description>D</description>
<item><title>Pool reopens</title><link>https://pool.example.org/p/pool-reopens</link><pubDate>Sat, 01 Jun 2024 09:00:00 GMT</pubDate>
<content:encoded><![CDATA[${items.map((src) => `<p><img src="${src}" alt="Pool"></p>`).join('')}]]></content:encoded></item></channel></rss>`;
      const file = path.join(temp, 'feed.xml');
      await writeFile(file, rss);
      const site = path.join(temp, 'site');
      const result = await importFeed(file, site, { download: true, policy: LOOPBACK_SERVERS });
      expect(result.problems).toEqual([]);
      const report = await readFile(path.join(site, 'import-report.md'), 'utf8');
      expect(report).toContain(`### ${items[1]}`);
      expect(report).toContain('The file could not be had (.svg files can run script or change the server, so they are never imported)');
      expect(report).toContain(`### ${items[2]}`);
      expect(report).toContain('The file could not be had (the server sent a web page, not the file)');
      expect(old.requests.get('/img/trap.svg')).toBeUndefined();
      expect((await listFiles(path.join(site, 'static'))).length).toBe(1);
    } finally {
      await old.close();
    }
  });
});

describe('downloads and the import’s staging', () => {
  it('import wordpress --download stages what it takes: in the manifest, an edited file kept, nothing written through a link', async () => {
    const photo = mediaBytes('jpg', 'team', 400);
    const old = await startServer({ [uploads('team.jpg')]: send(photo, 'image/jpeg') });
    try {
      const exportFile = path.join(await mkdtemp(path.join(temp, 'export-')), 'export.xml');
      await writeFile(exportFile, wxr(old.origin, `<p><img src="${old.origin}${uploads('team.jpg')}" alt="The team"></p>`));
      const parent = await mkdtemp(path.join(temp, 'sites-'));
      const site = path.join(parent, 'site');
      const options = { out: site, download: true, timeZone: 'Europe/London', categories: 'tags' as const, policy: LOOPBACK_SERVERS };
      const file = 'static/images/uploads/2024/05/team.jpg';
      const manifest = async (): Promise<Record<string, string>> => (JSON.parse(await readFile(path.join(site, '.sectorpress-import.json'), 'utf8')) as { files: Record<string, string> }).files;
      expect((await importWordPress(exportFile, options)).value?.counts['media copied']).toBe(1);
      expect((await readFile(path.join(site, file))).equals(photo)).toBe(true);
      expect((await manifest())[file]).toBe(createHash('sha256').update(photo).digest('hex'));
      // Neither the staging folder nor the parts folder is left beside the site.
      expect(await readdir(parent)).toEqual(['site']);

      // An edited download is left as it is (not fetched again), and the manifest still holds what the import wrote.
      await writeFile(path.join(site, file), mediaBytes('jpg', 'blurred', 400));
      expect((await importWordPress(exportFile, options)).problems).toEqual([]);
      expect((await readFile(path.join(site, file))).equals(mediaBytes('jpg', 'blurred', 400))).toBe(true);
      expect((await manifest())[file]).toBe(createHash('sha256').update(photo).digest('hex'));
      expect(old.requests.get(uploads('team.jpg'))).toBe(1);

      // A link on the way to the file's place in a fresh site: the download is not written through it.
      const outside = await mkdtemp(path.join(temp, 'outside-'));
      const linked = path.join(parent, 'linked');
      await mkdir(path.join(linked, 'static', 'images', 'uploads'), { recursive: true });
      await symlink(outside, path.join(linked, 'static', 'images', 'uploads', '2024'));
      expect((await importWordPress(exportFile, { ...options, out: linked })).value?.counts['media copied']).toBe(0);
      expect(await listFiles(outside)).toEqual([]);
      expect(await readFile(path.join(linked, 'import-report.md'), 'utf8')).toContain('static/images/uploads/2024 (on the way to it) is a symbolic link in the site folder');
    } finally {
      await old.close();
    }
  });
});

describe('the command line', () => {
  it('refuses loopback by default, even for a host allowed with --allow-host, and takes repeated --allow-type', async () => {
    const old = await startServer({ [uploads('inside.jpg')]: send(mediaBytes('jpg', 'inside', 200), 'image/jpeg') });
    try {
      const link = `http://127.0.0.1:${old.port}${uploads('inside.jpg')}`;
      const folder = await mkdtemp(path.join(temp, 'export-'));
      await writeFile(path.join(folder, 'export.xml'), wxr('https://blog.example.org', `<p><img src="${link}" alt="Inside"></p>`));
      const site = path.join(temp, 'site');
      const args = ['import', 'wordpress', path.join(folder, 'export.xml'), '--out', site, '--download', '--allow-host', 'example.net', '--allow-host', '127.0.0.1'];
      const run = await runCliCaptured([...args, '--allow-type', 'txt', '--allow-type', 'csv']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(await readFile(path.join(site, 'import-report.md'), 'utf8')).toContain(`uses ${link}, which could not be had (the address 127.0.0.1 ${NOT_PUBLIC}).`);
      expect(old.connections).toBe(0);
      expect((await runCliCaptured(['import', 'wordpress', '--help'])).stdout).toContain('--allow-host HOST');
    } finally {
      await old.close();
    }
  });
});

/** A WordPress export of one published post whose body is `body`, from the blog at `blog`. */
function wxr(blog: string, body: string): string {
  return wxrExport([{ id: 7, title: 'Team day', content: body }], { site: blog });
}
