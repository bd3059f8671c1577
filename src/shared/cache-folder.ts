/**
 * The site's cache folder, `node_modules/.cache/sectorpress` (the convention other
 * tools follow, and never published). The Markdown cache, the page record, the output
 * manifest and the output trash all live in it; `clean` removes it.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';

export function cacheFolder(siteRoot: string): string {
  return path.join(siteRoot, 'node_modules', '.cache', 'sectorpress');
}

/** Where replaced output folders wait to be removed in the background. */
export function trashFolder(siteRoot: string): string {
  return path.join(cacheFolder(siteRoot), 'trash');
}

/**
 * A record of one output folder (`output` manifest, `pages` record, or the `site` address it was built for): one
 * per output folder, so two builds into two folders do not mix. An output folder inside the site is named
 * relative to it, so a project moved, copied or restored into another checkout path finds its records.
 */
export function outputRecordFile(siteRoot: string, outDir: string, kind: 'output' | 'pages' | 'site'): string {
  const relative = path.relative(siteRoot, outDir);
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  const key = createHash('sha1')
    .update(inside ? `site:${relative.split(path.sep).join('/')}` : outDir)
    .digest('hex')
    .slice(0, 12);
  return path.join(cacheFolder(siteRoot), `${kind}-${key}.json`);
}
