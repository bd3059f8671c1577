/** A file's identity on disk, recorded when the build admitted it and checked again when it is read. */
import type { Stats } from 'node:fs';

/**
 * Which file on disk a path was when it was admitted. A reader that opens the path later
 * compares this with `fstat` of what it opened, so a file swapped for a link in the meantime
 * (or edited since) is refused rather than served.
 */
export interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
}

/** The identity of a file from its stats. */
export function identityOf(stats: Stats): FileIdentity {
  return { dev: stats.dev, ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs };
}

/** True when both describe the same file with the same bytes (as far as size and mtime tell). */
export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}
