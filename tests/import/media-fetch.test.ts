import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertPostHtml, rewriteMediaUrls } from '../../src/import/convert-post-html.js';
import { fetchMedia } from '../../src/import/media-fetch.js';
import { createProcessors } from '../../src/markdown/create-processor.js';
import { renderMarkdown } from '../../src/markdown/render-markdown.js';
import { listFiles, LOOPBACK_SERVERS, mediaBytes } from './media-samples.js';

const SITE = 'https://blog.council.example';
const UPLOADS = `${SITE}/wp-content/uploads/2021/03`;

let temp: string;
beforeEach(async () => {
  temp = await mkdtemp(path.join(tmpdir(), 'sectorpress-media-'));
});
afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

function bytes(label: string, size: number): Buffer {
  return Buffer.from(label.repeat(Math.ceil(size / label.length)).slice(0, size));
}

describe('fetchMedia --media (a local copy of wp-content/uploads)', () => {
  it('copies one file per original, maps resized, query and WordPress.com forms to it, and lists what is missing', async () => {
    const uploads = path.join(temp, 'uploads');
    await mkdir(path.join(uploads, '2021', '03'), { recursive: true });
    await writeFile(path.join(uploads, '2021/03/park.jpg'), bytes('park', 500));
    await writeFile(path.join(uploads, '2021/03/park-300x200.jpg'), bytes('small', 100));
    await writeFile(path.join(uploads, '2021/03/leaflet-150x150.png'), bytes('leaflet', 80));
    await writeFile(path.join(temp, 'secret.txt'), 'not for the site');
    const site = path.join(temp, 'site');
    const urls = [
      `${UPLOADS}/park-300x200.jpg`,
      `${UPLOADS}/park.jpg?w=640`,
      '/wp-content/uploads/2021/03/park.jpg',
      'https://council.files.wordpress.com/2021/03/park.jpg?w=1024&h=683',
      `${UPLOADS}/leaflet-150x150.png`,
      `${UPLOADS}/absent.jpg`,
      `${SITE}/wp-content/uploads/..%2F..%2Fsecret.txt`,
      'https://www.gov.uk/images/logo.png',
    ];
    const { mapping, missing } = await fetchMedia(urls, site, { siteUrl: SITE, mediaFolder: uploads });

    const park = '/images/uploads/2021/03/park.jpg';
    expect(Object.fromEntries(mapping)).toEqual({
      [`${UPLOADS}/park-300x200.jpg`]: park,
      [`${UPLOADS}/park.jpg?w=640`]: park,
      '/wp-content/uploads/2021/03/park.jpg': park,
      'https://council.files.wordpress.com/2021/03/park.jpg?w=1024&h=683': park,
      // Its original is not in the folder, so the resized file is kept as it is.
      [`${UPLOADS}/leaflet-150x150.png`]: '/images/uploads/2021/03/leaflet-150x150.png',
    });
    expect(missing).toEqual([
      { url: `${SITE}/wp-content/uploads/..%2F..%2Fsecret.txt`, reason: 'unsafe file path', refused: true },
      { url: `${UPLOADS}/absent.jpg`, reason: 'not in the media folder' },
    ]);
    expect(await listFiles(site)).toEqual(['static/images/uploads/2021/03/leaflet-150x150.png', 'static/images/uploads/2021/03/park.jpg']);
    expect(await readFile(path.join(site, 'static/images/uploads/2021/03/park.jpg'))).toEqual(bytes('park', 500));

    // Again: the files already there (same size) are not copied afresh.
    const before = (await stat(path.join(site, 'static/images/uploads/2021/03/park.jpg'))).ino;
    const again = await fetchMedia(urls, site, { siteUrl: SITE, mediaFolder: uploads });
    expect(again.mapping).toEqual(mapping);
    expect((await stat(path.join(site, 'static/images/uploads/2021/03/park.jpg'))).ino).toBe(before);
  });

  it('gives a post whose images point at the new files', async () => {
    const uploads = path.join(temp, 'uploads');
    await mkdir(path.join(uploads, '2021/03'), { recursive: true });
    await writeFile(path.join(uploads, '2021/03/bus.jpg'), bytes('bus', 300));
    const post = convertPostHtml(
      `[caption width="300"]<img src="${UPLOADS}/bus-300x200.jpg" alt="The new bus" width="300" height="200" srcset="${UPLOADS}/bus-300x200.jpg 300w, ${UPLOADS}/bus-768x512.jpg 768w">Route 7[/caption]\n\n<img src="${UPLOADS}/bus.jpg?w=640" alt="Again">`,
      { classic: true, siteUrl: SITE },
    );
    const { mapping } = await fetchMedia(post.media, path.join(temp, 'site'), { siteUrl: SITE, mediaFolder: uploads });
    const html = (await renderMarkdown(createProcessors(), rewriteMediaUrls(post.markdown, mapping))).html;
    expect(html).toMatch(/<figure><img src="\/images\/uploads\/2021\/03\/bus\.jpg" alt="The new bus"[^>]*><figcaption>Route 7<\/figcaption><\/figure>/);
    expect(html).toContain('<img src="/images/uploads/2021/03/bus.jpg" alt="Again">');
    expect(html).not.toContain('blog.council.example');
  });
});

/** A real HTTP server on 127.0.0.1 standing in for the old site, counting the requests for each path. */
interface OldSite {
  url: string;
  requests: Map<string, number>;
  ranges: string[];
  maxInFlight: number;
  close: () => Promise<void>;
}

type Route = (request: IncomingMessage, response: ServerResponse, count: number) => void;

function sendFile(content: Buffer): Route {
  return (request, response) => {
    const range = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    if (start >= content.length && start > 0) {
      response.writeHead(416, { 'content-range': `bytes */${content.length}` }).end();
      return;
    }
    const headers = { 'content-type': 'application/octet-stream', 'content-length': String(content.length - start) };
    if (range) response.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${content.length - 1}/${content.length}` });
    else response.writeHead(200, headers);
    response.end(content.subarray(start));
  };
}

async function startOldSite(routes: Record<string, Route>, delayMs = 0): Promise<OldSite> {
  const requests = new Map<string, number>();
  const ranges: string[] = [];
  const site = { requests, ranges, maxInFlight: 0 };
  let inFlight = 0;
  const server: Server = createServer((request, response) => {
    const name = request.url ?? '';
    const count = (requests.get(name) ?? 0) + 1;
    requests.set(name, count);
    if (request.headers.range) ranges.push(`${name} ${request.headers.range}`);
    inFlight += 1;
    site.maxInFlight = Math.max(site.maxInFlight, inFlight);
    response.on('close', () => {
      inFlight -= 1;
    });
    const route = routes[name];
    const answer = (): void => {
      if (route) route(request, response, count);
      else response.writeHead(404).end('not found');
    };
    if (delayMs > 0) setTimeout(answer, delayMs);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...site,
    get maxInFlight() {
      return site.maxInFlight;
    },
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const uploadPath = (file: string): string => `/wp-content/uploads/2021/03/${file}`;

describe('fetchMedia --download (a real local HTTP server)', () => {
  it('downloads what it can, retries a 500, never retries 404 or 403, and resumes without asking again', async () => {
    const photo = mediaBytes('jpg', 'photo', 4000);
    const report = mediaBytes('pdf', 'report', 1500);
    const old = await startOldSite({
      [uploadPath('photo.jpg')]: sendFile(photo),
      [uploadPath('photo-300x200.jpg')]: sendFile(mediaBytes('jpg', 'small', 300)),
      [uploadPath('chart-150x150.png')]: sendFile(mediaBytes('png', 'chart', 200)),
      [uploadPath('report.pdf')]: (request, response, count) => (count === 1 ? response.writeHead(500).end('busy') : sendFile(report)(request, response, count)),
      [uploadPath('private.jpg')]: (_request, response) => response.writeHead(403).end('no'),
      [uploadPath('login.png')]: (_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Log in</title>'),
    });
    try {
      const at = (file: string): string => `${old.url}${uploadPath(file)}`;
      const found = [at('photo-300x200.jpg'), `${at('photo.jpg')}?w=640`, at('chart-150x150.png'), at('report.pdf')];
      const urls = [...found, at('gone.jpg'), at('private.jpg'), at('login.png')];
      const site = path.join(temp, 'site');
      const options = { siteUrl: old.url, download: true, retries: 2, retryDelayMs: 10, policy: LOOPBACK_SERVERS };
      const first = await fetchMedia(urls, site, options);

      expect(Object.fromEntries(first.mapping)).toEqual({
        [at('photo-300x200.jpg')]: '/images/uploads/2021/03/photo.jpg',
        [`${at('photo.jpg')}?w=640`]: '/images/uploads/2021/03/photo.jpg',
        [at('chart-150x150.png')]: '/images/uploads/2021/03/chart-150x150.png',
        [at('report.pdf')]: '/images/uploads/2021/03/report.pdf',
      });
      expect(first.missing).toEqual([
        { url: at('gone.jpg'), reason: '404 Not Found' },
        { url: at('login.png'), reason: 'the server sent a web page, not the file', refused: true },
        { url: at('private.jpg'), reason: '403 Forbidden' },
      ]);
      expect(await readFile(path.join(site, 'static/images/uploads/2021/03/photo.jpg'))).toEqual(photo);
      expect(await readFile(path.join(site, 'static/images/uploads/2021/03/report.pdf'))).toEqual(report);
      expect(await listFiles(path.join(site, 'static'))).toEqual(['images/uploads/2021/03/chart-150x150.png', 'images/uploads/2021/03/photo.jpg', 'images/uploads/2021/03/report.pdf']);
      expect(Object.fromEntries(old.requests)).toEqual({
        [uploadPath('photo.jpg')]: 1, // the original, asked for once for both of its forms
        [uploadPath('chart.png')]: 1, // the original of the chart, not there (404), so the resized file is kept
        [uploadPath('chart-150x150.png')]: 1,
        [uploadPath('report.pdf')]: 2, // 500, then 200
        [uploadPath('gone.jpg')]: 1,
        [uploadPath('private.jpg')]: 1,
        [uploadPath('login.png')]: 1,
      });

      old.requests.clear();
      const again = await fetchMedia(found, site, options);
      expect(again.mapping).toEqual(first.mapping);
      expect(again.missing).toEqual([]);
      expect(old.requests.size).toBe(0);
    } finally {
      await old.close();
    }
  });

  it('gives up on a server that never answers, after its retries, and goes on', async () => {
    const old = await startOldSite({
      [uploadPath('hangs.jpg')]: () => {
        // Never answers: the client's timeout must give up.
      },
    });
    try {
      const site = path.join(temp, 'site');
      const url = `${old.url}${uploadPath('hangs.jpg')}`;
      const result = await fetchMedia([url], site, { siteUrl: old.url, download: true, timeoutMs: 400, retries: 1, retryDelayMs: 10, policy: LOOPBACK_SERVERS });
      expect(result).toEqual({ mapping: new Map(), missing: [{ url, reason: 'timed out' }] });
      expect(Object.fromEntries(old.requests)).toEqual({ [uploadPath('hangs.jpg')]: 2 });
      expect(await listFiles(path.join(site, 'static'))).toEqual([]);
    } finally {
      await old.close();
    }
  });

  it('resumes a download cut off mid-body, and leaves no .part file anywhere in the site folder', async () => {
    const video = mediaBytes('mp4', 'video', 10_000);
    const old = await startOldSite({
      [uploadPath('launch.mp4')]: (request, response, count) => {
        if (count > 1) return sendFile(video)(request, response, count);
        // The first answer promises the whole file and the connection dies after 6,000 bytes.
        response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(video.length) });
        response.write(video.subarray(0, 6000), () => response.socket?.destroy());
      },
    });
    try {
      const site = path.join(temp, 'site');
      const folder = path.join(site, 'static/images/uploads/2021/03');
      await mkdir(folder, { recursive: true });
      // What an older version left behind: it would be published.
      await writeFile(path.join(folder, 'launch.mp4.part'), video.subarray(0, 3000));
      const { mapping, missing } = await fetchMedia([`${old.url}${uploadPath('launch.mp4')}`], site, { siteUrl: old.url, download: true, retryDelayMs: 10, policy: LOOPBACK_SERVERS });
      expect(missing).toEqual([]);
      expect([...mapping.values()]).toEqual(['/images/uploads/2021/03/launch.mp4']);
      expect(old.ranges).toEqual([`${uploadPath('launch.mp4')} bytes=6000-`]);
      expect(await readFile(path.join(folder, 'launch.mp4'))).toEqual(video);
      expect(await listFiles(site)).toEqual(['static/images/uploads/2021/03/launch.mp4']);
      expect(await listFiles(temp)).toEqual(['site/static/images/uploads/2021/03/launch.mp4']);
    } finally {
      await old.close();
    }
  });

  it('takes what the media folder has and downloads only the rest', async () => {
    const uploads = path.join(temp, 'uploads');
    await mkdir(path.join(uploads, '2021/03'), { recursive: true });
    await writeFile(path.join(uploads, '2021/03/local.jpg'), bytes('local', 50));
    const old = await startOldSite({ [uploadPath('local.jpg')]: sendFile(mediaBytes('jpg', 'remote', 60)), [uploadPath('remote.jpg')]: sendFile(mediaBytes('jpg', 'remote', 60)) });
    try {
      const site = path.join(temp, 'site');
      const { mapping, missing } = await fetchMedia([`${old.url}${uploadPath('local.jpg')}`, `${old.url}${uploadPath('remote.jpg')}`], site, {
        siteUrl: old.url,
        mediaFolder: uploads,
        download: true,
        policy: LOOPBACK_SERVERS,
      });
      expect(missing).toEqual([]);
      expect([...mapping.values()]).toEqual(['/images/uploads/2021/03/local.jpg', '/images/uploads/2021/03/remote.jpg']);
      expect(Object.fromEntries(old.requests)).toEqual({ [uploadPath('remote.jpg')]: 1 });
      expect(await readFile(path.join(site, 'static/images/uploads/2021/03/local.jpg'))).toEqual(bytes('local', 50));
    } finally {
      await old.close();
    }
  });

  it('starts again when the rest of a cut-off file no longer fits its first part', async () => {
    const leaflet = mediaBytes('pdf', 'leaflet', 3000);
    const old = await startOldSite({
      [uploadPath('leaflet.pdf')]: (request, response, count) => {
        if (count === 1) {
          response.writeHead(200, { 'content-length': String(leaflet.length) });
          response.write(leaflet.subarray(0, 1000), () => response.socket?.destroy());
        } else if (count === 2) {
          // The file changed on the server: the part asked for starts elsewhere.
          response.writeHead(206, { 'content-range': `bytes 0-2999/3000`, 'content-length': '3000' }).end(leaflet);
        } else sendFile(leaflet)(request, response, count);
      },
    });
    try {
      const site = path.join(temp, 'site');
      const { missing } = await fetchMedia([`${old.url}${uploadPath('leaflet.pdf')}`], site, { siteUrl: old.url, download: true, retryDelayMs: 10, policy: LOOPBACK_SERVERS });
      expect(missing).toEqual([]);
      const folder = path.join(site, 'static/images/uploads/2021/03');
      expect(await readFile(path.join(folder, 'leaflet.pdf'))).toEqual(leaflet);
      expect(await listFiles(folder)).toEqual(['leaflet.pdf']);
      expect(old.requests.get(uploadPath('leaflet.pdf'))).toBe(3);
    } finally {
      await old.close();
    }
  });

  it('keeps at most `concurrency` downloads in flight', async () => {
    const files = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => `${name}.jpg`);
    const old = await startOldSite(Object.fromEntries(files.map((file) => [uploadPath(file), sendFile(mediaBytes('jpg', file, 100))])), 100);
    try {
      const { mapping } = await fetchMedia(
        files.map((file) => `${old.url}${uploadPath(file)}`),
        path.join(temp, 'site'),
        { siteUrl: old.url, download: true, concurrency: 2, policy: LOOPBACK_SERVERS },
      );
      expect(mapping.size).toBe(6);
      expect(old.maxInFlight).toBeLessThanOrEqual(2);
    } finally {
      await old.close();
    }
  });
});
