/**
 * The old site's uploads into the new site's `static/images/uploads/`: copied from a local copy of
 * `wp-content/uploads` (`--media`) or downloaded (`--download`). One file per original: a resized variant
 * (`x-300x200.jpg`, `x.jpg?w=640`) maps to its original when the original can be had, else keeps its own file.
 */
import { copyFile, mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { forEachLimited } from '../shared/for-each-limited.js';
import { type DownloadBudget, type DownloadSettings, DownloadSession, downloadSettings, type Outcome } from './media-download.js';
import { contentRefusal, fileNameRefusal } from './media-types.js';
import { type UploadPath, uploadPathOf } from './media-urls.js';
import { linkedWriteRefusal, linkOnPath } from './site-links.js';
import { downloadSiteFile } from './site-download.js';
import type { SiteStaging } from './site-staging.js';

export type MediaOptions = DownloadSettings & {
  siteUrl: string;
  /** A local copy of `wp-content/uploads`. */
  mediaFolder?: string;
  /** Download what the media folder (if any) lacks. */
  download?: boolean;
  /** Downloads at once (default 4). */
  concurrency?: number;
  /**
   * Hosts downloads may come from (`blog.example.org`, or `*.example.org` for it and every host under it);
   * undefined: any host. Redirects may lead elsewhere: each hop still has to pass the address policy.
   */
  allowedHosts?: readonly string[];
  /** File types taken besides media and documents (`txt`, `zip`); active content is never taken. */
  allowTypes?: readonly string[];
  /** Bytes downloaded so far, shared by every download of one import (for its total cap). */
  budget?: DownloadBudget;
  /**
   * The import's staging: copies and downloads are staged (so they go into the manifest, and a file the user
   * edited since the last import is kept like a post). Without it files are written straight into the site folder.
   */
  staging?: SiteStaging;
};

/** A file not had, and why. */
export interface MissingMedia {
  url: string;
  reason: string;
  /** Turned away on purpose (its address, host, type, name or size), not merely unavailable. */
  refused?: boolean;
}

/** What the report tells the user to do about `missing`. */
export function missingMediaAction(missing: MissingMedia, download: boolean | undefined): string {
  if (missing.refused) return 'Check the file is what it should be; if so, save it into static/ yourself and fix the link (for a host you trust: --allow-host).';
  return download
    ? 'Import again later (files already had are kept), or copy the file into static/ and fix the link.'
    : 'Copy the file into static/ and fix the link, or import again with --download.';
}

/** Whether `host` is one of `allowed` (`*.example.org` allows `example.org` and every host under it). */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const name = host.toLowerCase();
  return allowed.some((entry) => {
    const wanted = entry.toLowerCase();
    if (!wanted.startsWith('*.')) return name === wanted;
    return name === wanted.slice(2) || name.endsWith(wanted.slice(1));
  });
}

export interface MediaResult {
  /** Old URL (as written in posts, including resized `-300x200` and `?w=640` forms) → new site path (`/images/uploads/2019/05/x.jpg`). */
  mapping: Map<string, string>;
  /** URLs that could not be had, with why (`404`, `timed out`, `not in the media folder`); `refused` when turned away on purpose. */
  missing: MissingMedia[];
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
function createFileGetter(
  siteFolder: string,
  options: MediaOptions,
  session: DownloadSession | undefined,
): { obtain: (file: string, url: string) => Promise<Outcome>; present: (file: string) => Promise<boolean> } {
  const uploadsRoot = path.resolve(siteFolder, 'static', ...UPLOADS_FOLDER);
  const had = new Map<string, Promise<Outcome>>();
  const { staging } = options;
  const obtainOnce = async (file: string, url: string): Promise<Outcome> => {
    // `inside` keeps the file under static/images/uploads, whatever the URL said.
    const target = inside(uploadsRoot, file);
    if (!target) return { ok: false, reason: 'unsafe file path', refused: true };
    const badName = fileNameRefusal(file, options.allowTypes);
    if (badName) return { ok: false, reason: badName, refused: true };
    const relative = ['static', ...UPLOADS_FOLDER, file].join('/');
    const linked = await linkedWriteRefusal(siteFolder, relative);
    if (linked) return { ok: false, reason: linked };
    let outcome: Outcome = { ok: false, reason: 'neither a media folder nor downloading was asked for' };
    if (options.mediaFolder) outcome = await copyFromFolder(options.mediaFolder, file, target, staging && ((source) => staging.copy(relative, source)));
    if (!outcome.ok && session) {
      const host = new URL(url).hostname;
      if (options.allowedHosts && !hostAllowed(host, options.allowedHosts)) return { ok: false, reason: `${host} is not the old site’s host (allow it with --allow-host ${host})`, refused: true };
      outcome = await downloadSiteFile(session, url, { siteFolder, relative, staging }, (head) => contentRefusal(file, head));
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

/** The result in address order: downloads finish in any order, and the result does not depend on it. */
export function sortedResult(mapping: ReadonlyMap<string, string>, missing: MissingMedia[]): MediaResult {
  return { mapping: new Map([...mapping].sort(([a], [b]) => byKey(a, b))), missing: missing.sort((a, b) => byKey(a.url, b.url)) };
}

/**
 * Copy or download `urls` into `<siteFolder>/static/…`; never throws for one bad file. Resumable: a file already
 * present with the right size is not fetched again. URLs outside the old site's uploads are left alone (not mapped, not missing).
 * @example const { mapping, missing } = await fetchMedia(post.media, 'my-site', { siteUrl: 'https://blog.example.gov.uk', mediaFolder: 'backup/uploads' });
 */
export async function fetchMedia(urls: readonly string[], siteFolder: string, options: MediaOptions): Promise<MediaResult> {
  const session = options.download ? await DownloadSession.open(siteFolder, downloadSettings(options), options.budget) : undefined;
  try {
    return await fetchWith(urls, siteFolder, options, session);
  } finally {
    await session?.close();
  }
}

async function fetchWith(urls: readonly string[], siteFolder: string, options: MediaOptions, session: DownloadSession | undefined): Promise<MediaResult> {
  const { obtain, present } = createFileGetter(siteFolder, options, session);
  const mapping = new Map<string, string>();
  const missing: MissingMedia[] = [];
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
    else missing.push({ url: written, reason: own.reason, ...(own.refused ? { refused: true } : {}) });
  };
  await forEachLimited([...new Set(urls)], Math.max(1, options.concurrency ?? 4), async (written) => {
    const upload = uploadPathOf(written, options.siteUrl);
    if (!('reason' in upload)) await place(written, upload);
    else if (upload.reason !== 'not in the uploads folder') missing.push({ url: written, reason: upload.reason, refused: true });
  });
  return sortedResult(mapping, missing);
}
