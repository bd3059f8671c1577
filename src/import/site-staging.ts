/**
 * Files of an import, written first to a staging folder and moved into the site folder only when the whole
 * export was read, so a bad export writes nothing. Moving in is rerun-safe: an unchanged file is not
 * touched, and a file the user edited since the last import (its hash differs from the manifest's) is kept
 * unless `force`.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { hashText, readManifest, writeManifest, type ImportManifest } from './import-manifest.js';

/** What moving in did. */
export interface CommitResult {
  /** Files written (new or changed). */
  written: number;
  /** Site-relative paths kept because the user changed them since the last import. */
  kept: string[];
}

/** A staging folder for one import into `siteFolder`. */
export class SiteStaging {
  /** Staged path → sha256 of its text. */
  private readonly staged = new Map<string, string>();
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
    return new SiteStaging(await fs.mkdtemp(path.join(path.dirname(site), `.${path.basename(site)}.import.tmp-`)), site);
  }

  /** Stage `text` as the site-relative file `relative` (posix separators). */
  async write(relative: string, text: string): Promise<void> {
    const target = path.join(this.folder, ...relative.split('/'));
    await this.makeFolder(path.dirname(target));
    await fs.writeFile(target, text);
    this.staged.set(relative, hashText(text));
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
    const previous = await readManifest(this.siteFolder);
    const next: ImportManifest = {};
    const result: CommitResult = { written: 0, kept: [] };
    for (const relative of this.files()) {
      const hash = this.staged.get(relative) ?? '';
      const target = path.join(this.siteFolder, ...relative.split('/'));
      const current = await fs.readFile(target).then(hashText, () => undefined);
      if (current !== undefined && current !== hash && !options.force && previous[relative] !== current) {
        result.kept.push(relative);
        if (previous[relative]) next[relative] = previous[relative];
        continue;
      }
      next[relative] = hash;
      if (current === hash) continue;
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
