/**
 * Serve the in-memory output. Request paths are checked before lookup and only
 * keys of the output map are ever served, so nothing outside the output can be read;
 * a static file is read only if it is still the file the last build admitted.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { readAdmitted } from './admitted-files.js';
import { checkUrlPath } from '../shared/check-url-path.js';
import type { DevSession } from './dev-session.js';
import { LIVE_RELOAD_SCRIPT } from './live-reload.js';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.mp4': 'video/mp4',
  '.webmanifest': 'application/manifest+json',
};

/** The output key for a request path, or a status code when the path is unacceptable. */
export function resolveRequestPath(rawUrl: string): { key: string; pathname: string } | { status: 400 } {
  const pathname = rawUrl.split('?')[0]?.split('#')[0] ?? '';
  // The site-wide path rule; dot segments pass because `static/.well-known/` is published.
  if (!pathname.startsWith('/') || checkUrlPath(pathname, { dotSegments: true }).error) return { status: 400 };
  const key = decodeURIComponent(pathname).replace(/^\/+/, '');
  return { key: key === '' || key.endsWith('/') ? `${key}index.html` : key, pathname };
}

/**
 * A request inside the base path (`/blog/…`) as a site-relative path; anything outside it
 * (`/`, `/blog` without its slash, a link that missed the base path) is sent to the base path.
 */
function stripBasePath(basePath: string, rawUrl: string): { url: string } | { redirect: string } {
  if (basePath === '/') return { url: rawUrl };
  return rawUrl.startsWith(basePath) ? { url: `/${rawUrl.slice(basePath.length)}` } : { redirect: basePath };
}

/**
 * Where to send a request for a folder without its slash: always one leading slash and every
 * segment encoded, so no request (`//evil.example`, say) can make it a link to another host.
 */
function folderLocation(key: string): string {
  return `/${key.replace(/^\/+/, '').split('/').map(encodeURIComponent).join('/')}/`;
}

function injectScript(html: string): string {
  const at = html.lastIndexOf('</body>');
  return at < 0 ? html + LIVE_RELOAD_SCRIPT : `${html.slice(0, at)}${LIVE_RELOAD_SCRIPT}${html.slice(at)}`;
}

async function body(session: DevSession, key: string): Promise<Uint8Array | string | undefined> {
  const file = session.get(key);
  if (!file) return undefined;
  if ('copyFrom' in file) return readAdmitted(file.copyFrom, file.identity);
  return key.endsWith('.html') ? injectScript(typeof file.contents === 'string' ? file.contents : Buffer.from(file.contents).toString('utf8')) : file.contents;
}

function send(response: ServerResponse, status: number, type: string, contents: Uint8Array | string, head: boolean): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  response.end(head ? undefined : contents);
}

/** Answer one request from the session's output. */
export async function serveOutput(session: DevSession, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const head = request.method === 'HEAD';
  if (request.method !== 'GET' && !head) return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed', head);
  const inside = stripBasePath(session.basePath, request.url ?? '/');
  if ('redirect' in inside) {
    response.writeHead(302, { location: inside.redirect, 'cache-control': 'no-store' });
    return void response.end();
  }
  const resolved = resolveRequestPath(inside.url);
  if ('status' in resolved) return send(response, 400, 'text/plain; charset=utf-8', 'Bad request', head);
  const contents = await body(session, resolved.key);
  if (contents !== undefined) return send(response, 200, TYPES[path.posix.extname(resolved.key)] ?? 'application/octet-stream', contents, head);
  if (!resolved.pathname.endsWith('/') && session.has(`${resolved.key}/index.html`)) {
    response.writeHead(301, { location: `${session.basePath}${folderLocation(resolved.key).slice(1)}`, 'cache-control': 'no-store' });
    return void response.end();
  }
  const notFound = await body(session, '404.html');
  return send(response, 404, 'text/html; charset=utf-8', notFound ?? '<!doctype html><title>Not found</title><h1>Not found</h1>', head);
}
