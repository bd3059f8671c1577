/**
 * `.sectorpress-import.json` in the site folder: the hash of every file the last import wrote, so a rerun
 * can tell a file the user edited (keep it) from one it may replace. While an import moves files in, the
 * manifest also holds the new hashes of the files being moved (`pending`): after a kill part-way, a file is
 * the import's own if it has either hash, so the next import finishes the job instead of reporting edits.
 * The file is replaced whole (written beside, then renamed), so a kill never leaves half of one.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** The manifest's file name, in the site folder. */
const MANIFEST_FILE = '.sectorpress-import.json';

/** Site-relative path (posix) → sha256 of the text the import wrote. */
export type ImportManifest = Record<string, string>;

/** The manifest as stored: what the import wrote, and what it was about to move in when it stopped. */
export interface ImportState {
  readonly files: ImportManifest;
  readonly pending: ImportManifest;
}

/** sha256 of a file's text, hex. */
export function hashText(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

function hashes(value: unknown): ImportManifest {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).filter((pair): pair is [string, string] => typeof pair[1] === 'string'));
}

/** The last import's manifest, or an empty one (first import, or an unreadable file). */
export async function readImportState(siteFolder: string): Promise<ImportState> {
  try {
    const parsed = JSON.parse(await fs.readFile(path.join(siteFolder, MANIFEST_FILE), 'utf8')) as { files?: unknown; pending?: unknown };
    return { files: hashes(parsed.files), pending: hashes(parsed.pending) };
  } catch {
    return { files: {}, pending: {} };
  }
}

const sorted = (manifest: ImportManifest): ImportManifest =>
  Object.fromEntries(
    Object.keys(manifest)
      .sort()
      .map((key) => [key, manifest[key] as string]),
  );

/**
 * Write `text` to `file` by writing a file beside it and renaming it over: a kill leaves the old file or the
 * new one, and a symbolic link at `file` is replaced, not followed.
 */
export async function replaceFile(file: string, text: string): Promise<void> {
  const temporary = `${file}.tmp-${process.pid}`;
  await fs.mkdir(path.dirname(file), { recursive: true });
  const handle = await fs.open(temporary, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temporary, file);
}

/** Write the manifest (keys sorted, so reruns give the same file); `pending` only while files are being moved in. */
export async function writeManifest(siteFolder: string, manifest: ImportManifest, pending: ImportManifest = {}): Promise<void> {
  const state = Object.keys(pending).length > 0 ? { version: 1, files: sorted(manifest), pending: sorted(pending) } : { version: 1, files: sorted(manifest) };
  await replaceFile(path.join(siteFolder, MANIFEST_FILE), `${JSON.stringify(state, null, 2)}\n`);
}
