/**
 * Vitest globalSetup: give the whole test run one private temp folder and remove it afterwards.
 *
 * Tests (and helpers) create their scratch folders with `fs.mkdtemp(path.join(os.tmpdir(), …))`
 * and do not clean them up. `os.tmpdir()` reads `TMPDIR` on every call, and Vitest builds the
 * environment of its worker processes from `process.env` after global setup has run, so setting
 * `TMPDIR` here points every worker — and every process they spawn (the CLI, Chromium, …) — into
 * this folder. Teardown deletes it, so a run leaves nothing behind in the real temp folder.
 *
 * A run that is killed never reaches teardown; its folder carries the pid of the Vitest process,
 * and the next run removes folders whose process is gone (never those of a run still going).
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PREFIX = 'sectorpress-tests-';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function removeStale(base: string): Promise<void> {
  const names = await fs.readdir(base).catch(() => [] as string[]);
  for (const name of names) {
    const match = new RegExp(`^${PREFIX}(\\d+)-`).exec(name);
    if (!match || isAlive(Number(match[1]))) continue;
    await fs.rm(path.join(base, name), { recursive: true, force: true }).catch(() => undefined);
  }
}

export default async function setup(): Promise<() => Promise<void>> {
  // Both test projects (vitest.config.ts) run this; in one run, the first one's folder serves both.
  if (process.env.SECTORPRESS_TEST_RUN) return async () => undefined;
  const previous = process.env.TMPDIR;
  const base = os.tmpdir();
  await removeStale(base);
  const root = await fs.mkdtemp(path.join(base, `${PREFIX}${process.pid}-`));
  process.env.TMPDIR = root;
  // Shared by every test file of the run (a test may point TMPDIR elsewhere): see example-build.ts.
  process.env.SECTORPRESS_TEST_RUN = root;

  return async () => {
    delete process.env.SECTORPRESS_TEST_RUN;
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    try {
      await fs.rm(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch (error) {
      console.warn(`\n*** Could not remove the tests' temp folder ${root}: ${String(error)}\n`);
    }
  };
}
