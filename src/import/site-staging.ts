/**
 * Files of an import, written first to a staging folder and moved into the site folder only when the whole
 * export was read, so a bad export writes nothing. Moving in is rerun-safe: an unchanged file is not
 * touched, and a file the user edited since the last import (its hash differs from the manifest's) is kept
 * unless `force`. Nothing is written through a symbolic link under the site folder (site-links.ts).
 *
 * A kill (even `kill -9`) part-way through moving in leaves some files old and some new; the manifest,
 * written before the first move with the new hashes as pending, lets the next import tell those from edits.
 * The staging folder's name carries the importing process's ID, so the next import removes the folders
 * of imports that are no longer running.
 */
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createHash } from 'node:crypto';
import { hashText, readImportState, writeManifest, type ImportManifest } from './import-manifest.js';
import { linkOnPath, linkReason } from './site-links.js';

/** What moving in did. */
export interface CommitResult {
  /** Files written (new or changed). */
  written: number;
  /** Site-relative paths kept because the user changed them since the last import. */
  kept: string[];
  /** Site-relative paths not written, with why (a symbolic link in the way). */
  refused: { file: string; reason: string }[];
}

/** `.<site>.import.tmp-<pid>-<random>`: the process ID tells a live import's folder from a killed one's. */
const stagingPrefix = (site: string): string => `.${path.basename(site)}.import.tmp-`;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** Remove staging folders beside `site` left by imports that no longer run (killed, or crashed). */
async function removeStaleStaging(site: string): Promise<void> {
  const prefix = stagingPrefix(site);
  const names = await fs.readdir(path.dirname(site)).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    // A folder without a process ID is from an import older than the ID in the name: none runs now.
    if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) continue;
    await fs.rm(path.join(path.dirname(site), name), { recursive: true, force: true });
  }
}

/** sha256 of a file's bytes, read as a stream (media files may be large). */
async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** The hash of a regular file at `file`, or `undefined` when there is none. */
async function currentHash(file: string): Promise<string | undefined> {
  const info = await fs.lstat(file).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  // Posts are small and many: read whole; media may be large: streamed.
  return info.size < 1 << 20 ? hashText(await fs.readFile(file)) : hashFile(file);
}

/** A staging folder for one import into `siteFolder`. */
export class SiteStaging {
  /** Staged path → sha256 of its bytes. */
  private readonly staged = new Map<string, string>();
  /** Paths left as they are in the site folder (downloads an earlier import had), noted with their last hash. */
  private readonly inPlace = new Set<string>();
  /** Folders made so far: one `mkdir` per folder, not per file (thousands of posts share `posts/`). */
  private readonly made = new Set<string>();

  private constructor(
    private readonly folder: string,
    readonly siteFolder: string,
  ) {}

  /** A fresh staging folder beside the site folder (same disk, so files move in by renaming). */
  static async open(siteFolder: string): Promise<SiteStaging> {
    const site = path.resolve(siteFolder);
    await fs.mkdir(path.dirname(site), { recursive: true });
    await removeStaleStaging(site);
    return new SiteStaging(await fs.mkdtemp(path.join(path.dirname(site), `${stagingPrefix(site)}${process.pid}-`)), site);
  }

  /** Stage `text` as the site-relative file `relative` (posix separators). */
  async write(relative: string, text: string): Promise<void> {
    const target = path.join(this.folder, ...relative.split('/'));
    await this.makeFolder(path.dirname(target));
    await fs.writeFile(target, text);
    this.staged.set(relative, hashText(text));
  }

  /** Stage a copy of the file `source` (a media file) as `relative`. */
  async copy(relative: string, source: string): Promise<void> {
    const target = path.join(this.folder, ...relative.split('/'));
    await this.makeFolder(path.dirname(target));
    await fs.copyFile(source, target);
    this.staged.set(relative, await hashFile(target));
  }

  /**
   * Stage the file that `write` puts at the path it is given (a download, whose parts live elsewhere) as
   * `relative`; staged only when `write` says it is had.
   */
  async receive<T extends { ok: boolean }>(relative: string, write: (target: string) => Promise<T>): Promise<T> {
    const target = path.join(this.folder, ...relative.split('/'));
    await this.makeFolder(path.dirname(target));
    const outcome = await write(target);
    if (outcome.ok) this.staged.set(relative, await hashFile(target));
    return outcome;
  }

  /**
   * Leave the file `relative` already in the site folder (a download an earlier import had: not fetched again)
   * as it is, noted in the manifest with the hash the last import noted, so a file the user edited since is
   * still told from the import's own.
   */
  adopt(relative: string): void {
    this.staged.set(relative, '');
    this.inPlace.add(relative);
  }

  /** The staged text of `relative`. */
  read(relative: string): Promise<string> {
    return fs.readFile(path.join(this.folder, ...relative.split('/')), 'utf8');
  }

  /** Staged paths, sorted. */
  files(): string[] {
    return [...this.staged.keys()].sort();
  }

  /** Move every staged file into the site folder (see the module comment), write the manifest, remove the staging folder. */
  async commit(options: { force?: boolean }): Promise<CommitResult> {
    const previous = await readImportState(this.siteFolder);
    // A file is the import's own when it holds what the last import wrote, or what it was moving in when stopped.
    const own = (relative: string, hash: string): boolean => previous.files[relative] === hash || previous.pending[relative] === hash;
    const next: ImportManifest = {};
    const moves: string[] = [];
    const result: CommitResult = { written: 0, kept: [], refused: [] };
    for (const relative of this.files()) {
      const hash = this.staged.get(relative) ?? '';
      if (this.inPlace.has(relative)) {
        const noted = previous.files[relative];
        if (noted) next[relative] = noted;
        continue;
      }
      const link = await linkOnPath(this.siteFolder, relative);
      if (link !== undefined) {
        result.refused.push({ file: relative, reason: linkReason(link, relative) });
        if (previous.files[relative]) next[relative] = previous.files[relative];
        continue;
      }
      const target = path.join(this.siteFolder, ...relative.split('/'));
      const current = await currentHash(target);
      if (current !== undefined && current !== hash && !options.force && !own(relative, current)) {
        result.kept.push(relative);
        if (previous.files[relative]) next[relative] = previous.files[relative];
        continue;
      }
      next[relative] = hash;
      if (current !== hash) moves.push(relative);
    }
    if (moves.length > 0) {
      // Before the first move: until the last, a moved file holds its pending hash and an unmoved one its old one.
      const before: ImportManifest = { ...next };
      for (const relative of moves) {
        const old = previous.files[relative];
        if (old) before[relative] = old;
        else delete before[relative];
      }
      await writeManifest(this.siteFolder, before, Object.fromEntries(moves.map((relative) => [relative, next[relative] as string])));
    }
    for (const relative of moves) {
      const target = path.join(this.siteFolder, ...relative.split('/'));
      await this.makeFolder(path.dirname(target));
      await fs.rename(path.join(this.folder, ...relative.split('/')), target);
      result.written += 1;
    }
    await writeManifest(this.siteFolder, next);
    await this.discard();
    return result;
  }

  private async makeFolder(folder: string): Promise<void> {
    if (this.made.has(folder)) return;
    await fs.mkdir(folder, { recursive: true });
    this.made.add(folder);
  }

  /** Remove the staging folder (also after a failure). */
  async discard(): Promise<void> {
    await fs.rm(this.folder, { recursive: true, force: true });
  }
}
