/**
 * Deleting a replaced output folder (thousands of page folders) takes about as long
 * as a warm build's every other step together, and nothing waits for it: the new
 * output is already in place. So replaced folders go to a trash folder in the cache,
 * and a worker thread empties it while the build (and the next one) carries on. The
 * worker does not keep the process alive; whatever it leaves, the next build's worker removes.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

const EMPTY_TRASH = `
const { readdirSync, rmSync } = require('node:fs');
const path = require('node:path');
const { workerData } = require('node:worker_threads');
let names = [];
try { names = readdirSync(workerData); } catch {}
for (const name of names) {
  try { rmSync(path.join(workerData, name), { recursive: true, force: true, maxRetries: 2 }); } catch {}
}
`;

/** Empty `trash` on another thread, without keeping the process alive for it. */
export function emptyTrashInBackground(trash: string): void {
  try {
    const worker = new Worker(EMPTY_TRASH, { eval: true, workerData: trash });
    worker.on('error', () => undefined); // best effort: the next build tries again
    worker.unref();
  } catch {
    // Workers unavailable: the folder stays until `sectorpress clean`.
  }
}

/**
 * Move `folder` into `trash` and start emptying it; if it cannot be moved there (another
 * file system, say), delete it here and now.
 */
export async function discard(folder: string, trash: string | undefined): Promise<void> {
  if (trash) {
    try {
      await fs.mkdir(trash, { recursive: true });
      await fs.rename(folder, path.join(trash, path.basename(folder)));
      emptyTrashInBackground(trash);
      return;
    } catch {
      // Fall through to deleting in place.
    }
  }
  await fs.rm(folder, { recursive: true, force: true });
}
