/**
 * The temporary folder Pagefind writes an index into, named for the process that made it
 * (`sectorpress-search-<pid>-…`). A build killed while Pagefind writes cannot remove its folder,
 * so each process first removes the folders of processes that are gone: never one whose process
 * still runs (another build), nor one it cannot tell the owner of.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PREFIX = 'sectorpress-search-';
const OWNED = /^sectorpress-search-(\d+)-/;

/** True unless the process `pid` is known to be gone (EPERM: it runs, as another user). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

async function removeAbandoned(): Promise<void> {
  const names = await fs.readdir(os.tmpdir()).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      const pid = Number(OWNED.exec(name)?.[1] ?? Number.NaN);
      if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid)) await fs.rm(path.join(os.tmpdir(), name), { recursive: true, force: true }).catch(() => undefined);
    }),
  );
}

let swept: Promise<void> | undefined;

/** A new empty folder for one index; the first call in a process removes what killed builds left. */
export async function makeSearchTempFolder(): Promise<string> {
  swept ??= removeAbandoned();
  await swept;
  return fs.mkdtemp(path.join(os.tmpdir(), `${PREFIX}${process.pid}-`));
}
