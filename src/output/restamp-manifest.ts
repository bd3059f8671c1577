/**
 * An output folder restored from an archive or copied (`tar`, `cp -a`, a CI cache) holds the files
 * the last build wrote, but each has a new inode, so no stamp in the manifest matches and nothing
 * could be kept. A file whose bytes still hash to what the manifest says is the one the build
 * wrote: it gets its new stamp. Any other entry is dropped, so that file is written afresh.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { forEachLimited } from '../shared/for-each-limited.js';
import { fileStamp, writeManifest, type Manifest } from '../shared/output-manifest.js';
import { contentHash } from './staging-folder.js';

const READ_CONCURRENCY = 16;

/** Re-stamp the manifest at `manifestPath` for the files of `outDir` whose bytes it still describes. */
export async function restampManifest(outDir: string, manifest: Manifest, manifestPath: string): Promise<void> {
  const next: Manifest = {};
  let changed = false;
  await forEachLimited(Object.entries(manifest), READ_CONCURRENCY, async ([file, entry]) => {
    const stat = await fs.lstat(path.join(outDir, file)).catch(() => undefined);
    if (!stat?.isFile()) return void (changed = true);
    const stamp = fileStamp(stat);
    if (stamp === entry.stamp) return void (next[file] = entry);
    changed = true;
    const bytes = await fs.readFile(path.join(outDir, file)).catch(() => undefined);
    if (bytes && contentHash(bytes) === entry.hash) next[file] = { hash: entry.hash, stamp };
  });
  if (changed) await writeManifest(manifestPath, next);
}
