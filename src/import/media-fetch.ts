/**
 * The old site's uploads into the new site's `static/images/uploads/`: copied from a local copy of
 * `wp-content/uploads` (`--media`) or downloaded (`--download`). One file per original: a resized variant
 * (`x-300x200.jpg`, `x.jpg?w=640`) maps to its original when the original can be had, else keeps its own file.
 */
import { copyFile, mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { forEachLimited } from '../shared/for-each-limited.js';
import { downloadFile, type Outcome } from './media-download.js';
import { type UploadPath, uploadPathOf } from './media-urls.js';
import { linkOnPath, linkReason } from './site-links.js';
import type { SiteStaging } from './site-staging.js';

export interface MediaOptions {
  siteUrl: string;
  /** A local copy of `wp-content/uploads`. */
  mediaFolder?: string;
  /** Download what the media folder (if any) lacks. */
  download?: boolean;
  /** Downloads at once (default 4). */
  concurrency?: number;
  /** Per download attempt (default 60 000 ms). */
  timeoutMs?: number;
  /** Further attempts after a server or network error (default 3); 403, 404 and other refusals are not retried. */
  retries?: number;
  /** First wait before a retry, doubling each time (default 500 ms). */
  retryDelayMs?: number;
  /**
   * The import's staging: copies from the media folder are staged (and so kept, like posts, when the user
   * edited the file since the last import), and downloads are noted in the manifest. Without it files are
   * written straight into the site folder.
   */
  staging?: SiteStaging;
}

export interface MediaResult {
  /** Old URL (as written in posts, including resized `-300x200` and `?w=640` forms) → new site path (`/images/uploads/2019/05/x.jpg`). */
  mapping: Map<string, string>;
  /** URLs that could not be had, with why (`404`, `timed out`, `not in the media folder`). */
  missing: { url: string; reason: string }[];
}

/** Where uploads go, under the site's `static/` folder, and the site path they are served at. */
const UPLOADS_FOLDER = ['images', 'uploads'];

function sitePathOf(file: string): string {
  return `/${[...UPLOADS_FOLDER, ...file.split('/')].map(encodeURIComponent).join('/')}`;
}

/** `root/relative`, or undefined when that would leave `root`. */
function inside(root: string, relative: string): string | undefined {
  const full = path.resolve(root, ...relative.split('/'));
  return full.startsWith(root + path.sep) ? full : undefined;
}

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    const info = await stat(file);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}

async function copyFromFolder(folder: string, file: string, target: string, stage: ((source: string) => Promise<void>) | undefined): Promise<Outcome> {
  const root = path.resolve(folder);
  const source = inside(root, file);
  // A link inside the media folder may lead anywhere (`/etc/passwd`): only real files in real folders are copied.
  const link = source ? await linkOnPath(root, file) : undefined;
  if (link !== undefined) return { ok: false, reason: `${link} in the media folder is a symbolic link, which is never followed` };
  const size = source ? await sizeOf(source) : undefined;
  if (!source || size === undefined) return { ok: false, reason: 'not in the media folder' };
  if (stage) {
    await stage(source);
    return { ok: true };
  }
  if ((await sizeOf(target)) === size) return { ok: true };
  await mkdir(path.dirname(target), { recursive: true });
  await copyFile(source, `${target}.part`);
  await rename(`${target}.part`, target);
  return { ok: true };
}

/** Gets each file at most once, however many URLs name it (its sizes, its query forms). */
function createFileGetter(siteFolder: string, options: MediaOptions): { obtain: (file: string, url: string) => Promise<Outcome>; present: (file: string) => Promise<boolean> } {
  const uploadsRoot = path.resolve(siteFolder, 'static', ...UPLOADS_FOLDER);
  const download = { timeoutMs: options.timeoutMs ?? 60_000, retries: options.retries ?? 3, retryDelayMs: options.retryDelayMs ?? 500 };
  const had = new Map<string, Promise<Outcome>>();
  const { staging } = options;
  const obtainOnce = async (file: string, url: string): Promise<Outcome> => {
    // `inside` keeps the file under static/images/uploads, whatever the URL said.
    const target = inside(uploadsRoot, file);
    if (!target) return { ok: false, reason: 'unsafe file path' };
    const relative = ['static', ...UPLOADS_FOLDER, file].join('/');
    const link = await linkOnPath(path.resolve(siteFolder), relative);
    if (link !== undefined) return { ok: false, reason: `${linkReason(link, relative)} in the site folder, and nothing is written through a link` };
    let outcome: Outcome = { ok: false, reason: 'neither a media folder nor downloading was asked for' };
    if (options.mediaFolder) outcome = await copyFromFolder(options.mediaFolder, file, target, staging && ((source) => staging.copy(relative, source)));
    if (!outcome.ok && options.download) {
      const fresh = (await sizeOf(target)) === undefined;
      outcome = await downloadFile(url, target, download);
      if (outcome.ok) await staging?.adopt(relative, fresh);
    }
    return outcome;
  };
  return {
    obtain: (file, url) => {
      let pending = had.get(file);
      if (!pending) {
        pending = obtainOnce(file, url).catch((error: unknown) => ({ ok: false, reason: error instanceof Error ? error.message : String(error) }));
        had.set(file, pending);
      }
      return pending;
    },
    present: async (file) => {
      const target = inside(uploadsRoot, file);
      return target !== undefined && (await sizeOf(target)) !== undefined;
    },
  };
}

function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Copy or download `urls` into `<siteFolder>/static/…`; never throws for one bad file. Resumable: a file already
 * present with the right size is not fetched again. URLs outside the old site's uploads are left alone (not mapped, not missing).
 * @example const { mapping, missing } = await fetchMedia(post.media, 'my-site', { siteUrl: 'https://blog.example.gov.uk', mediaFolder: 'backup/uploads' });
 */
export async function fetchMedia(urls: readonly string[], siteFolder: string, options: MediaOptions): Promise<MediaResult> {
  const { obtain, present } = createFileGetter(siteFolder, options);
  const mapping = new Map<string, string>();
  const missing: { url: string; reason: string }[] = [];
  const place = async (written: string, upload: UploadPath): Promise<void> => {
    const { original, originalUrl } = upload;
    // A rerun asks for nothing already had: a variant kept last time (its original could not be had) stays kept.
    const tryOriginal = original !== undefined && originalUrl !== undefined && ((await present(original)) || !(await present(upload.file)));
    if (tryOriginal && (await obtain(original, originalUrl)).ok) {
      mapping.set(written, sitePathOf(original));
      return;
    }
    const own = await obtain(upload.file, upload.url);
    if (own.ok) mapping.set(written, sitePathOf(upload.file));
    else missing.push({ url: written, reason: own.reason });
  };
  await forEachLimited([...new Set(urls)], Math.max(1, options.concurrency ?? 4), async (written) => {
    const upload = uploadPathOf(written, options.siteUrl);
    if (!('reason' in upload)) await place(written, upload);
    else if (upload.reason !== 'not in the uploads folder') missing.push({ url: written, reason: upload.reason });
  });
  // Downloads finish in any order; the result does not depend on it.
  return { mapping: new Map([...mapping].sort(([a], [b]) => byKey(a, b))), missing: missing.sort((a, b) => byKey(a.url, b.url)) };
}
