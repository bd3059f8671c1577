/**
 * Deleting a replaced output folder (thousands of page folders) takes about as long
 * as a warm build's every other step together, and the build need not wait for it: the
 * new output is already in place. So replaced folders go to a trash folder in the cache,
 * and worker threads empty it: `build` starts one as it begins, removing what earlier builds
 * left while this one renders; a replaced folder is then left for the next build, so the
 * trash holds at most the last one. Workers keep the process alive until done (a worker that
 * let the process exit first was killed with it, and the trash grew by one output per CLI
 * build), and `trashEmptied()` lets the CLI wait for them.
 */
import { promises as fs, readdirSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

const EMPTY_TRASH = `
const { rmSync } = require('node:fs');
const path = require('node:path');
const { workerData } = require('node:worker_threads');
for (const name of workerData.names) {
  try { rmSync(path.join(workerData.trash, name), { recursive: true, force: true, maxRetries: 2 }); } catch {}
}
`;

const running = new Set<Promise<void>>();

/**
 * Remove what `trash` holds now (all but the entry `keep`) on another thread; the process stays
 * alive until it is done. Listed here, so that a folder added later is left for the next build.
 */
export function emptyTrashInBackground(trash: string, keep?: string): void {
  let names: string[];
  try {
    names = readdirSync(trash).filter((name) => name !== keep);
  } catch {
    return; // no trash yet
  }
  if (names.length === 0) return;
  try {
    const worker = new Worker(EMPTY_TRASH, { eval: true, workerData: { trash, names } });
    const done = new Promise<void>((resolve) => {
      worker.on('error', () => undefined); // best effort: the next build tries again
      worker.once('exit', () => resolve());
    });
    running.add(done);
    void done.then(() => running.delete(done));
  } catch {
    // Workers unavailable: the folder stays until the next build or `sectorpress clean`.
  }
}

/** Resolves once every trash-emptying worker this process started has finished. */
export async function trashEmptied(): Promise<void> {
  while (running.size > 0) await Promise.all([...running]);
}

/**
 * Move `folder` into `trash`, to be removed by the next build's worker; if it cannot be moved there (another
 * file system, say), delete it here and now.
 */
export async function discard(folder: string, trash: string | undefined): Promise<void> {
  if (trash) {
    try {
      await fs.mkdir(trash, { recursive: true });
      await fs.rename(folder, path.join(trash, path.basename(folder)));
      // Anything older than this one (left by a build that started no worker) goes now: the bound holds.
      emptyTrashInBackground(trash, path.basename(folder));
      return;
    } catch {
      // Fall through to deleting in place.
    }
  }
  await fs.rm(folder, { recursive: true, force: true });
}
