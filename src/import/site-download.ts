/**
 * A download that becomes a file of the site folder. With the import's staging, the finished file lands in the
 * staging folder, so it goes into the manifest and moves in with the posts (never through a link, and a file
 * the user edited is kept); without one, it is moved straight into the site folder. Either way the address,
 * type, size and time rules of `media-download.ts` apply, and a file the site folder already has is not
 * fetched again.
 */
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DownloadSession, Outcome } from './media-download.js';
import type { SiteStaging } from './site-staging.js';

/** Where a download goes: `relative` (posix) under `siteFolder`, through `staging` when there is one. */
export interface SiteFileTarget {
  siteFolder: string;
  relative: string;
  staging?: SiteStaging;
}

/**
 * Downloads `url` as the site file `to.relative`; `check` says why the first bytes are not the file. Never
 * throws for one bad file: a failure is an outcome with a reason.
 */
export async function downloadSiteFile(session: DownloadSession, url: string, to: SiteFileTarget, check: (head: Uint8Array) => string | undefined): Promise<Outcome> {
  const target = path.join(path.resolve(to.siteFolder), ...to.relative.split('/'));
  const { staging } = to;
  if (!staging) return session.download(url, target, check);
  const present = await stat(target).then(
    () => true,
    () => false,
  );
  if (present) {
    staging.adopt(to.relative);
    return { ok: true };
  }
  // A `.part` an older version left beside the file would be published.
  await rm(`${target}.part`, { force: true });
  return staging.receive(to.relative, (staged) => session.download(url, staged, check));
}
