/** Clean-up after builds that were killed: stale temporary folders, and an interrupted swap. */
import { promises as fs } from 'node:fs';
import path from 'node:path';

function leftoverPattern(outDir: string): RegExp {
  const base = path.basename(outDir).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\.${base}\\.(tmp|old)-(\\d+)-[0-9a-f]+$`);
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function leftovers(outDir: string): Promise<{ name: string; kind: string; pid: number }[]> {
  const pattern = leftoverPattern(outDir);
  const names = await fs.readdir(path.dirname(outDir)).catch(() => [] as string[]);
  return names.flatMap((name) => {
    const match = pattern.exec(name);
    return match ? [{ name, kind: match[1] as string, pid: Number(match[2]) }] : [];
  });
}

/**
 * A build killed between its two renames leaves no output folder but a complete
 * `.old-` one beside it: put that back.
 */
export async function recoverOutput(outDir: string): Promise<void> {
  if (
    await fs.stat(outDir).then(
      () => true,
      () => false,
    )
  )
    return;
  const old = (await leftovers(outDir)).find((entry) => entry.kind === 'old' && !isRunning(entry.pid));
  if (old) await fs.rename(path.join(path.dirname(outDir), old.name), outDir).catch(() => undefined);
}

/** Remove temporary folders of builds that are no longer running. */
export async function removeLeftovers(outDir: string): Promise<void> {
  for (const entry of await leftovers(outDir)) {
    if (isRunning(entry.pid)) continue;
    await fs.rm(path.join(path.dirname(outDir), entry.name), { recursive: true, force: true }).catch(() => undefined);
  }
}
