/**
 * The address a build was made for, kept beside its output manifest. A site built for `/blog/`
 * links to `/blog/…` everywhere, so `serve` and `check` given no `--base-url` must serve and
 * resolve it under that path, not the config's (which a `--base-url` build overrode).
 */
import { promises as fs } from 'node:fs';
import { outputRecordFile } from './cache-folder.js';
import { writeManifest } from './output-manifest.js';

/** Note that the output folder `outDir` now holds a build for `url`. */
export function noteBuiltFor(siteRoot: string, outDir: string, url: string): Promise<void> {
  return writeManifest(outputRecordFile(siteRoot, outDir, 'site'), { url });
}

/** The url the build in `outDir` was made for; `undefined` when no build noted one (or the note is unreadable). */
export async function readBuiltFor(siteRoot: string, outDir: string): Promise<string | undefined> {
  try {
    const parsed: unknown = JSON.parse(await fs.readFile(outputRecordFile(siteRoot, outDir, 'site'), 'utf8'));
    const url = (parsed as { url?: unknown } | null)?.url;
    return typeof url === 'string' && URL.canParse(url) ? url : undefined;
  } catch {
    return undefined;
  }
}
