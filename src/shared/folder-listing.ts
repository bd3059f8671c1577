/**
 * The files and folders of a folder tree as it is read, folder by folder: the output survey reads
 * it asynchronously on the build's thread (output-survey.ts) or synchronously on a thread of its own
 * (survey-worker.ts), and both list it the same way.
 */
import type { Dirent } from 'node:fs';

export class FolderListing {
  /** Every file found so far (relative, posix). */
  readonly files: string[] = [];
  /** Every folder found so far (relative, posix). */
  readonly folders: string[] = [];
  /** Folders found but not yet read (`.` is the root). */
  private readonly waiting = ['.'];

  /** The next folder to read, or `undefined` when none is waiting. */
  next(): string | undefined {
    return this.waiting.pop();
  }

  get hasWaiting(): boolean {
    return this.waiting.length > 0;
  }

  /** Take in what reading `dir` gave. */
  add(dir: string, entries: readonly Dirent[]): void {
    for (const entry of entries) {
      const relative = dir === '.' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        this.folders.push(relative);
        this.waiting.push(relative);
      } else this.files.push(relative);
    }
  }
}
