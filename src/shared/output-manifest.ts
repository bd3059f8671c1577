/** What the previous build wrote (path → content fingerprint), kept outside the output folder. */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export type Manifest = Record<string, string>;

export async function readManifest(file: string): Promise<Manifest> {
  try {
    const parsed: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
    return parsed !== null && typeof parsed === 'object' ? (parsed as Manifest) : {};
  } catch {
    return {};
  }
}

/**
 * Write a manifest (or the page cache's record) as JSON, atomically. Best effort: a missing one
 * only means the next build writes or renders every file again.
 */
export async function writeManifest(file: string, manifest: object): Promise<void> {
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(temp, JSON.stringify(manifest));
    await fs.rename(temp, file);
  } catch {
    await fs.rm(temp, { force: true }).catch(() => undefined);
  }
}
