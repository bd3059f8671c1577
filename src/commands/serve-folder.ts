/**
 * A plain static file server for a built output folder, as a web host would serve it: files
 * only (no rebuilding, no live reload), under the base path of the site's `url`.
 */
import { existsSync, promises as fs, realpathSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import sirv from 'sirv';
import { allowsHost, refuseHost } from '../dev/check-host.js';

export interface ServeFolderOptions {
  /** The folder to serve (a build's output folder). */
  readonly dir: string;
  /** The path the site lives under, e.g. `/blog/`; default `/`. */
  readonly basePath?: string;
  /** Default 8080; 0 picks any free port. */
  readonly port?: number;
  /** Default 127.0.0.1 (this machine only). */
  readonly host?: string;
}

export interface ServedFolder {
  /** The site's address, base path included, e.g. `http://127.0.0.1:8080/blog/`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** `/blog` and `blog/` → `/blog/`; `` → `/`. */
function normaliseBasePath(basePath: string | undefined): string {
  const trimmed = (basePath ?? '').replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

function redirect(response: ServerResponse, status: 301 | 302, location: string): void {
  response.writeHead(status, { location, 'cache-control': 'no-store' });
  response.end();
}

/** The site's own 404 page when it has one, as a host configured for it would answer. */
async function notFound(dir: string, response: ServerResponse, head: boolean): Promise<void> {
  const page = await fs.readFile(path.join(dir, '404.html')).catch(() => undefined);
  response.writeHead(404, { 'content-type': page ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  response.end(head ? undefined : (page ?? 'Not found'));
}

/** Dotfiles are never published (hosts hide them too); `.well-known` is the one exception. */
function isHidden(decoded: string): boolean {
  return decoded.split('/').some((segment) => segment.startsWith('.') && segment !== '.well-known');
}

function decodePath(pathname: string, decode = decodeURIComponent): string | undefined {
  try {
    return decode(pathname);
  } catch {
    return undefined;
  }
}

function isFolderPage(dir: string, decoded: string): boolean {
  const file = path.join(dir, decoded, 'index.html');
  return file.startsWith(dir + path.sep) && existsSync(file);
}

/** The files sirv may answer a path with (its `toAssume`): itself or `index`, bare, `.html` or `.htm`. */
function candidates(dir: string, decoded: string): string[] {
  const file = path.join(dir, decoded);
  return ['', '.html', '.htm'].flatMap((extension) => [`${file}${extension}`, path.join(file, `index${extension}`)]);
}

/**
 * True when a file the path may be answered with is a link (or under a linked folder) whose real
 * path is outside the output folder: such a file is not part of the site, whatever the link says.
 */
async function leavesFolder(realDir: string, dir: string, decoded: readonly string[]): Promise<boolean> {
  const files = decoded.flatMap((each) => candidates(dir, each));
  const reals = await Promise.all(files.map((file) => fs.realpath(file).catch(() => undefined)));
  return reals.some((real) => real !== undefined && real !== realDir && !real.startsWith(realDir + path.sep));
}

function createHandler(dir: string, base: string, host: string): (request: IncomingMessage, response: ServerResponse) => void {
  let realDir = dir;
  try {
    realDir = realpathSync(dir);
  } catch {
    // Not there yet: served as empty until a build makes it.
  }
  const missing = (request: IncomingMessage, response: ServerResponse): void => void notFound(dir, response, request.method === 'HEAD');
  // dev: true reads each file when it is asked for, so a rebuild while serving is picked up.
  const files = sirv(dir, { dev: true, etag: true, dotfiles: false, onNoMatch: missing });
  const answer = async (request: IncomingMessage, response: ServerResponse, raw: string, pathname: string, inside: string): Promise<void> => {
    // sirv decodes with decodeURI (`%2F` stays), this server with decodeURIComponent: check both.
    const asSirv = decodePath(pathname.slice(base.length), decodeURI) ?? inside;
    if (await leavesFolder(realDir, dir, [inside, asSirv])) return missing(request, response);
    // As hosts do: a folder asked for without its slash moves to it, so relative links resolve.
    if (inside !== '' && !inside.endsWith('/') && isFolderPage(dir, inside)) return redirect(response, 301, `${pathname}/${raw.slice(pathname.length)}`);
    request.url = `/${raw.slice(base.length)}`;
    files(request, response);
  };
  return (request, response) => {
    // DNS rebinding: a web page that points its own name at 127.0.0.1 must not read the site.
    if (!allowsHost(host, request.headers.host)) return refuseHost(response, request.headers.host, 'server');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      return void response.end('Method not allowed');
    }
    const raw = request.url ?? '/';
    const query = raw.indexOf('?');
    const pathname = query < 0 ? raw : raw.slice(0, query);
    // Every redirect stays on this host: to the base path, or to the asked path (under it) plus a slash.
    if (base !== '/' && pathname === '/') return redirect(response, 302, base);
    if (base !== '/' && pathname === base.slice(0, -1)) return redirect(response, 301, base);
    if (!pathname.startsWith(base) || pathname.startsWith('//')) return missing(request, response);
    const inside = decodePath(pathname.slice(base.length));
    if (inside === undefined || isHidden(inside)) return missing(request, response);
    answer(request, response, raw, pathname, inside).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/**
 * Serve `dir` under `basePath` until `close()`: `/` redirects to the base path, paths outside it
 * get the site's 404 page.
 */
export async function serveFolder(options: ServeFolderOptions): Promise<ServedFolder> {
  const base = normaliseBasePath(options.basePath);
  const host = options.host ?? '127.0.0.1';
  const server = createServer(createHandler(path.resolve(options.dir), base, host));
  const port = await listen(server, options.port ?? 8080, host);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}${base}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
