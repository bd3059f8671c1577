/**
 * Images that are not WordPress uploads — Blogger, Substack, Medium and other platforms keep theirs on their
 * own image servers — downloaded with `--download` into `static/images/feed/<host>/`, so the new site does not
 * depend on the old platform. One file per address: the name is the address's last segment plus a short hash
 * of the whole address, since image servers tell sizes and crops apart by path or query.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { forEachLimited } from '../shared/for-each-limited.js';
import { slugify } from '../shared/slug.js';
import { downloadFile } from './media-download.js';
import type { MediaResult } from './media-fetch.js';

const FOLDER = ['images', 'feed'];
const IMAGE_EXTENSION = /\.(jpe?g|png|gif|webp|avif|svg)$/i;

/** `static/`-relative file for `url`, or `undefined` when it is no http(s) address. */
function feedMediaFile(url: string): string[] | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(parsed.protocol)) return undefined;
  const host =
    parsed.hostname
      .toLowerCase()
      .replace(/[^a-z0-9.-]/g, '-')
      .replace(/^\.+/, '') || 'host';
  const last = parsed.pathname.split('/').filter(Boolean).at(-1) ?? '';
  const extension = IMAGE_EXTENSION.exec(last)?.[0].toLowerCase() ?? '';
  const stem = slugify(safeDecode(last).replace(IMAGE_EXTENSION, '')).slice(0, 60) || 'image';
  const hash = createHash('sha256').update(url).digest('hex').slice(0, 10);
  return [...FOLDER, host, `${stem}-${hash}${extension}`];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Download `urls` into `<siteFolder>/static/images/feed/…`; never throws for one bad file, and a file already
 * there is not fetched again.
 */
export async function downloadFeedMedia(urls: readonly string[], siteFolder: string, options: { timeoutMs?: number; retries?: number } = {}): Promise<MediaResult> {
  const mapping = new Map<string, string>();
  const missing: { url: string; reason: string }[] = [];
  await forEachLimited([...new Set(urls)], 4, async (url) => {
    const file = feedMediaFile(url);
    if (!file) return;
    const outcome = await downloadFile(url, path.join(siteFolder, 'static', ...file), { timeoutMs: options.timeoutMs ?? 60_000, retries: options.retries ?? 2, retryDelayMs: 500 });
    if (outcome.ok) mapping.set(url, `/${file.map(encodeURIComponent).join('/')}`);
    else missing.push({ url, reason: outcome.reason });
  });
  return { mapping: new Map([...mapping].sort(([a], [b]) => (a < b ? -1 : 1))), missing: missing.sort((a, b) => (a.url < b.url ? -1 : 1)) };
}
