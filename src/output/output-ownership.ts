/**
 * How sectorpress recognises an output folder it made. After each write it records, in the
 * cache folder and keyed by the folder's real path, the folder's inode (a folder swapped in
 * by rename keeps the inode of the temporary folder sectorpress created) and the top-level
 * names it wrote. A folder is ours when its inode is recorded and everything at its top level
 * is a name we wrote: a folder made by someone else at the same path (a `git clone`, say) has
 * another inode, and even a reused inode would not explain a `.git` or `CNAME` beside the pages.
 * A folder with another inode is still ours when every file in it is one the last build's
 * manifest lists: that is an output restored from a CI cache or copied with `cp -a`, and
 * rebuilding it can lose nothing but what the build writes again.
 * Nothing is written into the output itself, so deploy tools publish only the site.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readManifest, writeManifest, type Manifest } from '../shared/output-manifest.js';
import { walkFolder } from '../shared/output-survey.js';

/** What sectorpress remembers about an output folder it made. */
export interface OwnershipRecord {
  /** The folder's real path (the record is looked up by it). */
  readonly path: string;
  /** Inodes (as decimal strings) the folder may have: two only while a swap is under way. */
  readonly inodes: readonly string[];
  /** Top-level names the builds wrote into it. */
  readonly names: readonly string[];
}

/** What an existing output folder turned out to be. */
export type FolderState =
  | { readonly kind: 'missing' }
  | { readonly kind: 'empty'; readonly inode: string }
  | {
      readonly kind: 'ours';
      readonly inode: string;
      readonly names: readonly string[];
      /** Set when the folder was recognised by the manifest alone (restored or copied): the manifest read. */
      readonly byManifest?: Manifest;
    }
  | { readonly kind: 'foreign'; readonly what: string };

const SHOWN_ENTRIES = 5;

/** The record file for the output folder at `realOut`, in the folder `records`. */
export function recordFileFor(records: string, realOut: string): string {
  return path.join(records, `out-folder-${createHash('sha1').update(realOut).digest('hex').slice(0, 12)}.json`);
}

async function readOwnership(file: string): Promise<OwnershipRecord | undefined> {
  // Not `readManifest`: that keeps only output-manifest entries, and this record is of another shape.
  const parsed = (await fs.readFile(file, 'utf8').then(
    (text) => JSON.parse(text) as unknown,
    () => undefined,
  )) as Partial<Record<keyof OwnershipRecord, unknown>> | null | undefined;
  if (parsed === null || typeof parsed !== 'object') return undefined;
  const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');
  if (typeof parsed.path !== 'string' || !strings(parsed.inodes) || !strings(parsed.names)) return undefined;
  return { path: parsed.path, inodes: parsed.inodes, names: parsed.names };
}

export async function writeOwnership(file: string, record: OwnershipRecord): Promise<void> {
  await writeManifest(file, record);
}

/** The inode of `folder` itself (not of a link's target), as a decimal string. */
export async function inodeOf(folder: string): Promise<string> {
  return String((await fs.lstat(folder, { bigint: true })).ino);
}

/** The top-level names of output paths (`2024/07/a/index.html` → `2024`). */
export function topLevelNames(paths: readonly string[]): string[] {
  return [...new Set(paths.map((file) => file.split('/')[0] ?? file))].sort();
}

/** "holds 3 entries (.git, CNAME, index.html)", naming at most a few. */
function describeEntries(names: readonly string[], lead = 'holds'): string {
  const sorted = [...names].sort();
  const shown = sorted.slice(0, SHOWN_ENTRIES).join(', ');
  const more = sorted.length > SHOWN_ENTRIES ? `, and ${sorted.length - SHOWN_ENTRIES} more` : '';
  return `${lead} ${sorted.length} ${sorted.length === 1 ? 'entry' : 'entries'} (${shown}${more})`;
}

async function describeOther(outDir: string): Promise<FolderState | undefined> {
  const stat = await fs.lstat(outDir).catch(() => undefined);
  if (!stat) return { kind: 'missing' };
  if (stat.isSymbolicLink()) {
    const target = await fs.readlink(outDir).catch(() => '?');
    return { kind: 'foreign', what: `is a symbolic link (to ${target}), which a build would replace with a folder` };
  }
  if (!stat.isDirectory()) return { kind: 'foreign', what: 'is a file, not a folder' };
  return undefined;
}

/** The entries under `outDir` (relative, posix) that are neither a file `manifest` lists nor a folder on the way to one. */
async function entriesNotIn(outDir: string, manifest: Manifest): Promise<string[]> {
  const { files, folders } = await walkFolder(outDir);
  const listed = Object.keys(manifest);
  const listedFolders = new Set(
    listed.flatMap((file) =>
      file
        .split('/')
        .slice(0, -1)
        .map((_part, index, parts) => parts.slice(0, index + 1).join('/')),
    ),
  );
  const listedFiles = new Set(listed);
  return [...files.filter((file) => !listedFiles.has(file)), ...folders.filter((folder) => !listedFolders.has(folder))];
}

/**
 * What `outDir` is: missing, empty, a folder sectorpress made (by its record, or by holding
 * nothing but what the previous build's manifest lists), or something else.
 */
export async function inspectOutputFolder(outDir: string, where: { recordFile: string; manifestPath?: string }): Promise<FolderState> {
  const other = await describeOther(outDir);
  if (other) return other;
  const [inode, names] = await Promise.all([inodeOf(outDir), fs.readdir(outDir)]);
  if (names.length === 0) return { kind: 'empty', inode };
  const record = await readOwnership(where.recordFile);
  if (record?.inodes.includes(inode)) {
    const unknown = names.filter((name) => !record.names.includes(name));
    if (unknown.length === 0) return { kind: 'ours', inode, names: record.names };
    return { kind: 'foreign', what: `${describeEntries(unknown, 'holds')} that no build wrote` };
  }
  const manifest = where.manifestPath ? await readManifest(where.manifestPath) : {};
  if (Object.keys(manifest).length > 0) {
    const unknown = await entriesNotIn(outDir, manifest).catch(() => undefined);
    if (unknown?.length === 0) return { kind: 'ours', inode, names: topLevelNames(Object.keys(manifest)), byManifest: manifest };
    if (unknown) return { kind: 'foreign', what: `${describeEntries(unknown, 'holds')} that no build wrote` };
  }
  return { kind: 'foreign', what: `${describeEntries(names)} and is not a folder sectorpress made` };
}
