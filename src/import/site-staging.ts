/**
 * Files of an import, written first to a staging folder and moved into the site folder only when the whole
 * export was read, so a bad export writes nothing. Moving in is rerun-safe: an unchanged file is not
 * touched, and a file the user edited since the last import (its hash differs from the manifest's) is kept
 * unless `force`.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
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
  private readonly staged = new Set<string>();

  private constructor(
    private readonly folder: string,
    readonly siteFolder: string,
  ) {}

  /** A fresh staging folder in the system's temporary folder. */
  static async open(siteFolder: string): Promise<SiteStaging> {
    return new SiteStaging(await fs.mkdtemp(path.join(os.tmpdir(), 'sectorpress-import-')), path.resolve(siteFolder));
  }

  /** Stage `text` as the site-relative file `relative` (posix separators). */
  async write(relative: string, text: string): Promise<void> {
    const target = path.join(this.folder, ...relative.split('/'));
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, text);
    this.staged.add(relative);
  }

  /** The staged text of `relative`. */
  read(relative: string): Promise<string> {
    return fs.readFile(path.join(this.folder, ...relative.split('/')), 'utf8');
  }

  /** Staged paths, sorted. */
  files(): string[] {
    return [...this.staged].sort();
  }

  /** Move every staged file into the site folder (see the module comment), write the manifest, remove the staging folder. */
  async commit(options: { force?: boolean }): Promise<CommitResult> {
    const previous = await readManifest(this.siteFolder);
    const next: ImportManifest = {};
    const result: CommitResult = { written: 0, kept: [] };
    for (const relative of this.files()) {
      const text = await this.read(relative);
      const target = path.join(this.siteFolder, ...relative.split('/'));
      const current = await fs.readFile(target).catch(() => undefined);
      const hash = hashText(text);
      if (current !== undefined && !options.force && hashText(current) !== hash && previous[relative] !== hashText(current)) {
        result.kept.push(relative);
        if (previous[relative]) next[relative] = previous[relative];
        continue;
      }
      next[relative] = hash;
      if (current !== undefined && hashText(current) === hash) continue;
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, text);
      result.written += 1;
    }
    await writeManifest(this.siteFolder, next);
    await this.discard();
    return result;
  }

  /** Remove the staging folder (also after a failure). */
  async discard(): Promise<void> {
    await fs.rm(this.folder, { recursive: true, force: true });
  }
}
