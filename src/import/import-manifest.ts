/**
 * `.sectorpress-import.json` in the site folder: the hash of every file the last import wrote, so a rerun
 * can tell a file the user edited (keep it) from one it may replace.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** The manifest's file name, in the site folder. */
const MANIFEST_FILE = '.sectorpress-import.json';

/** Site-relative path (posix) → sha256 of the text the import wrote. */
export type ImportManifest = Record<string, string>;

/** sha256 of a file's text, hex. */
export function hashText(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The last import's manifest, or an empty one (first import, or an unreadable file). */
export async function readManifest(siteFolder: string): Promise<ImportManifest> {
  try {
    const parsed = JSON.parse(await fs.readFile(path.join(siteFolder, MANIFEST_FILE), 'utf8')) as { files?: unknown };
    const files = parsed.files;
    if (!files || typeof files !== 'object') return {};
    return Object.fromEntries(Object.entries(files).filter((pair): pair is [string, string] => typeof pair[1] === 'string'));
  } catch {
    return {};
  }
}

/** Write the manifest, keys sorted so reruns give the same file. */
export async function writeManifest(siteFolder: string, manifest: ImportManifest): Promise<void> {
  const files = Object.fromEntries(
    Object.keys(manifest)
      .sort()
      .map((key) => [key, manifest[key]]),
  );
  await fs.writeFile(path.join(siteFolder, MANIFEST_FILE), `${JSON.stringify({ version: 1, files }, null, 2)}\n`);
}
