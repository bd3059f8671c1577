/**
 * Images that are not WordPress uploads — Blogger, Substack, Medium and other platforms keep theirs on their
 * own image servers — downloaded with `--download` into `static/images/feed/<host>/`, so the new site does not
 * depend on the old platform. One file per address: the name is the address's last segment plus a short hash
 * of the whole address, since image servers tell sizes and crops apart by path or query.
 */
import { createHash } from 'node:crypto';
import { forEachLimited } from '../shared/for-each-limited.js';
import { slugify } from '../shared/slug.js';
import { DownloadSession, downloadSettings, type Outcome } from './media-download.js';
import { type MediaOptions, type MediaResult, type MissingMedia, sortedResult } from './media-fetch.js';
import { contentRefusal, fileNameRefusal } from './media-types.js';
import { downloadSiteFile } from './site-download.js';
import { linkedWriteRefusal } from './site-links.js';

const FOLDER = ['images', 'feed'];
const EXTENSION = /\.([a-z\d]{1,8})$/i;

/**
 * `static/`-relative file for `url` (with the address's extension, or none: then it must be an image), a reason
 * to refuse it (a type that is not media, such as `.svg` or `.html`), or `undefined` when it is no http(s) address.
 */
function feedMediaFile(url: string, allowTypes: readonly string[] | undefined): string[] | { refused: string } | undefined {
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
      .replace(/^\.+|\.+$/g, '') || 'host';
  const last = parsed.pathname.split('/').filter(Boolean).at(-1) ?? '';
  const extension = EXTENSION.exec(last)?.[0].toLowerCase() ?? '';
  const refused = extension ? fileNameRefusal(`file${extension}`, allowTypes) : undefined;
  if (refused) return { refused };
  const stem = slugify(safeDecode(last).replace(EXTENSION, '')).slice(0, 60) || 'image';
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
 * Download `urls` into `<siteFolder>/static/images/feed/…` (staged, with `options.staging`); never throws for one
 * bad file, and a file already there is not fetched again; nothing is written through a link. Any public host (platforms keep images on their own servers); the address,
 * type, size and time rules of `media-download.ts` apply.
 */
export async function downloadFeedMedia(urls: readonly string[], siteFolder: string, options: Omit<MediaOptions, 'siteUrl'> = {}): Promise<MediaResult> {
  const mapping = new Map<string, string>();
  const missing: MissingMedia[] = [];
  const session = await DownloadSession.open(siteFolder, downloadSettings({ retries: 2, ...options }), options.budget);
  try {
    await forEachLimited([...new Set(urls)], Math.max(1, options.concurrency ?? 4), async (url) => {
      const file = feedMediaFile(url, options.allowTypes);
      if (!file) return;
      if ('refused' in file) {
        missing.push({ url, reason: file.refused, refused: true });
        return;
      }
      const relative = ['static', ...file].join('/');
      const linked = await linkedWriteRefusal(siteFolder, relative);
      const outcome: Outcome = linked
        ? { ok: false, reason: linked }
        : await downloadSiteFile(session, url, { siteFolder, relative, staging: options.staging }, (head) => contentRefusal(file.at(-1) ?? '', head));
      if (outcome.ok) mapping.set(url, `/${file.map(encodeURIComponent).join('/')}`);
      else missing.push({ url, reason: outcome.reason, ...(outcome.refused ? { refused: true } : {}) });
    });
  } finally {
    await session.close();
  }
  return sortedResult(mapping, missing);
}
