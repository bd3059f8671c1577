/**
 * The fallback for an output folder that cannot be renamed: a mount point (a Docker volume,
 * a bind mount) refuses `rename` with EBUSY, or EXDEV. Its contents are replaced instead:
 * emptied, then the finished files moved (or, across devices, copied) in. This is not atomic
 * — a build killed here leaves a partial folder until the next build — so it is used only for
 * a folder sectorpress made, an empty one, or one the user asked to replace.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Whether `error` is the refusal to rename a folder that is a mount point. */
export function isMountPointError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EBUSY' || code === 'EXDEV';
}

/** Thrown when the output folder is a mount point and may not be written in place. */
export class MountPointError extends Error {
  constructor(
    readonly folder: string,
    readonly code: string,
  ) {
    super(`${folder} is a mount point (${code}), so it cannot be swapped for the new output in one step`);
    this.name = 'MountPointError';
  }
}

/** Thrown when replacing a mount point's contents failed part way: the folder may be half written. */
export class InPlaceWriteError extends Error {
  constructor(
    readonly folder: string,
    reason: unknown,
  ) {
    super(reason instanceof Error ? reason.message : String(reason), { cause: reason });
    this.name = 'InPlaceWriteError';
  }
}

/** Replace everything in `outDir` with the contents of the finished folder `temp`, then remove `temp`. */
export async function replaceContentsInPlace(temp: string, outDir: string): Promise<void> {
  try {
    await moveContents(temp, outDir);
  } catch (error) {
    throw new InPlaceWriteError(outDir, error);
  }
}

async function moveContents(temp: string, outDir: string): Promise<void> {
  for (const name of await fs.readdir(outDir)) await fs.rm(path.join(outDir, name), { recursive: true, force: true });
  for (const name of await fs.readdir(temp)) {
    const from = path.join(temp, name);
    const to = path.join(outDir, name);
    try {
      await fs.rename(from, to);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await fs.cp(from, to, { recursive: true, verbatimSymlinks: true });
    }
  }
  await fs.rm(temp, { recursive: true, force: true });
}
