/**
 * A tiny static server over a built folder for browser tests, behaving like a typical host:
 * pretty URLs (`/about/` → `about/index.html`, `/about` → 301 to `/about/`) and `404.html`
 * with status 404 for anything missing. With a `prefix` (`/blog/`) the folder is mounted
 * there, as on a host that publishes a blog under a path: anything outside it is a plain 404.
 */
import { promises as fs } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.xml': 'application/xml',
  '.json': 'application/json',
  '.ics': 'text/calendar; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly close: () => Promise<void>;
}

async function isDirectory(file: string): Promise<boolean> {
  return (await fs.stat(file).catch(() => undefined))?.isDirectory() ?? false;
}

/** Serve `dir` on 127.0.0.1 at a free port until `close()`, at `prefix` (default `/`). */
export async function serveStatic(dir: string, prefix = '/'): Promise<StaticServer> {
  const root = path.resolve(dir);
  const server = createServer(async (request, response) => {
    const requested = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (`${requested}/` === prefix) return void response.writeHead(301, { location: prefix }).end();
    if (!requested.startsWith(prefix)) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('Not under the mount point');
    const pathname = `/${requested.slice(prefix.length)}`;
    const file = path.join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    if (file !== root && !file.startsWith(root + path.sep)) return void response.writeHead(400).end();
    if (!pathname.endsWith('/') && (await isDirectory(file))) return void response.writeHead(301, { location: `${requested}/` }).end();
    try {
      const body = await fs.readFile(file);
      response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      const notFound = await fs.readFile(path.join(root, '404.html')).catch(() => 'Not found');
      response.writeHead(404, { 'content-type': TYPES['.html'] }).end(notFound);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
