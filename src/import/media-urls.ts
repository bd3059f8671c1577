/**
 * Which URLs are the old site's uploads, and the file each names: `…/wp-content/uploads/2019/05/x-300x200.jpg?w=640`
 * (self-hosted, Jetpack's `i0.wp.com` copies) and `https://site.files.wordpress.com/2019/05/x.jpg` (WordPress.com).
 */

/** Where an upload lives inside the uploads folder, and its original when it is a resized variant. */
export interface UploadPath {
  /** The absolute URL it can be downloaded from (query dropped: `?w=640` only asks for a smaller copy). */
  url: string;
  /** Path inside the uploads folder, percent-decoded, e.g. `2019/05/x-300x200.jpg`. */
  file: string;
  /** The original's path when `file` is a resized variant (`x-300x200.jpg` → `x.jpg`). */
  original?: string;
  /** The original's URL, next to `url`. */
  originalUrl?: string;
}

const UPLOADS_MARKER = '/wp-content/uploads/';
const RESIZED = /-\d+x\d+(\.[a-z\d]+)$/i;

function decodeSafe(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** The path after the uploads folder, or undefined when `url` is not an upload. */
function uploadsPathOf(url: URL): string | undefined {
  const marker = url.pathname.indexOf(UPLOADS_MARKER);
  if (marker >= 0) return url.pathname.slice(marker + UPLOADS_MARKER.length);
  if (/(^|\.)files\.wordpress\.com$/i.test(url.hostname)) return url.pathname.replace(/^\/+/, '');
  return undefined;
}

/** Resolves `written` (absolute, protocol-relative or site-relative) against the site's address. */
function resolveUrl(written: string, siteUrl: string): URL | undefined {
  try {
    return new URL(written.trim().replace(/&amp;/g, '&'), siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`);
  } catch {
    return undefined;
  }
}

/** Whether `written` names a file in the old site's uploads (any host: a site may have moved domain). */
export function isUploadUrl(written: string, siteUrl: string): boolean {
  const url = resolveUrl(written, siteUrl);
  return url !== undefined && /^https?:$/.test(url.protocol) && uploadsPathOf(url) !== undefined;
}

/**
 * The upload `written` names, or a reason it cannot be one of the site's files
 * (not an upload, or a path that climbs out of the uploads folder).
 */
export function uploadPathOf(written: string, siteUrl: string): UploadPath | { reason: string } {
  const url = resolveUrl(written, siteUrl);
  const raw = url && /^https?:$/.test(url.protocol) ? uploadsPathOf(url) : undefined;
  if (!url || raw === undefined) return { reason: 'not in the uploads folder' };
  // URL parsing already folds `/../`; encoded or backslashed climbs are refused here.
  const file = decodeSafe(raw);
  const segments = file?.split(/[\\/]/) ?? [];
  if (!file || segments.some((segment) => segment === '..' || segment === '.' || segment === '' || /[\0-\x1f]/.test(segment))) {
    return { reason: 'unsafe file path' };
  }
  url.search = '';
  url.hash = '';
  const base = url.href;
  const original = RESIZED.test(file) ? file.replace(RESIZED, '$1') : undefined;
  return original ? { url: base, file, original, originalUrl: base.replace(RESIZED, '$1') } : { url: base, file };
}

/** Canonical key for matching a URL against others: no query or fragment, resized suffix dropped, entities decoded. */
export function canonicalMediaKey(written: string): string {
  const plain = written.replace(/&amp;/g, '&').replace(/[?#].*$/, '');
  return plain.replace(RESIZED, '$1').replace(/^https?:/i, '');
}

/** WordPress.com's own media hosts (uploads of hosted blogs, and Jetpack's image CDN). */
const WORDPRESS_MEDIA_HOSTS = ['*.files.wordpress.com', 'i0.wp.com', 'i1.wp.com', 'i2.wp.com', 'i3.wp.com'];

/**
 * The hosts `--download` may fetch a WordPress export's media from: the export's own (`addresses`: its link and
 * base URLs), WordPress.com's media hosts, and those the user allowed (`--allow-host`).
 */
export function exportMediaHosts(addresses: readonly (string | undefined)[], allowed: readonly string[] = []): string[] {
  const own = addresses.flatMap((address) => {
    try {
      return address ? [new URL(address).hostname] : [];
    } catch {
      return [];
    }
  });
  return [...new Set([...own, ...WORDPRESS_MEDIA_HOSTS, ...allowed])];
}
