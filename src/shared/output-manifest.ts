/**
 * What the previous build wrote, kept outside the output folder: for each file its content
 * fingerprint and the stamp (inode, size, modification time) the file had when written.
 * The output folder is the user's: another site may be built into it, or a page edited by
 * hand. A file is trusted to hold what the manifest says only while its stamp is unchanged.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs, type Stats } from 'node:fs';
import path from 'node:path';

/** One written file: its content fingerprint and its stamp on disk. */
export interface ManifestEntry {
  readonly hash: string;
  readonly stamp: string;
}

export type Manifest = Record<string, ManifestEntry>;

/** A file's identity on disk: any rewrite, in place or by rename, changes it. */
export function fileStamp(stat: Stats): string {
  return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
}

/** True when `file` still is the one the manifest entry describes (not replaced or edited since). */
export async function untouchedSince(file: string, entry: ManifestEntry | undefined): Promise<boolean> {
  if (!entry) return false;
  const stat = await fs.lstat(file).catch(() => undefined);
  return stat?.isFile() === true && fileStamp(stat) === entry.stamp;
}

function isEntry(value: unknown): value is ManifestEntry {
  return value !== null && typeof value === 'object' && typeof (value as ManifestEntry).hash === 'string' && typeof (value as ManifestEntry).stamp === 'string';
}

/** The manifest at `file`; entries in an older format are dropped (those files are then written afresh). */
export async function readManifest(file: string): Promise<Manifest> {
  try {
    const parsed: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
    if (parsed === null || typeof parsed !== 'object') return {};
    return Object.fromEntries(Object.entries(parsed).filter(([, value]) => isEntry(value))) as Manifest;
  } catch {
    return {};
  }
}

/**
 * Write a manifest (or the page cache's record) as JSON, atomically. Best effort: a missing one
 * only means the next build writes or renders every file again.
 */
export async function writeManifest(file: string, manifest: object): Promise<void> {
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(temp, JSON.stringify(manifest));
    await fs.rename(temp, file);
  } catch {
    await fs.rm(temp, { force: true }).catch(() => undefined);
  }
}
