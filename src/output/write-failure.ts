/** The write stage's failures, in the user's terms. */
import { errorProblem, type Problem } from '../shared/errors.js';
import { InPlaceWriteError, MountPointError } from './replace-in-place.js';

/** Why the write failed, in the user's terms. */
export function writeFailure(outDir: string, error: unknown): Problem {
  if (error instanceof MountPointError) {
    return errorProblem({
      code: 'output/mount-point',
      message: `Could not write the site to ${outDir}: it is a mount point (or another program holds it open), so it cannot be swapped for the new output in one step. The previous output is unchanged.`,
      hint: 'Build into an empty mount point or one sectorpress wrote before (those are written in place), or build into a folder beside it and copy the files over.',
    });
  }
  const reason = error instanceof Error ? error.message : String(error);
  if (error instanceof InPlaceWriteError) {
    return errorProblem({
      code: 'output/write',
      message: `Could not write the site into ${outDir}, written in place: ${reason}. The folder may be partly written (each file whole, old or new).`,
      hint: 'Fix the cause (disk space, permissions), then build again: the next build rewrites it.',
    });
  }
  const code = (error as NodeJS.ErrnoException).code;
  const hint =
    code === 'ENOSPC'
      ? 'Free some disk space, then build again.'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'Make the output folder and the folder above it writable, then build again.'
        : 'Check there is free disk space and that the folder is writable, then build again.';
  return errorProblem({ code: 'output/write', message: `Could not write the site to ${outDir}: ${reason}. The previous output is unchanged.`, hint });
}
